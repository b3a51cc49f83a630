import { z } from 'zod'
import { SLUG_PATTERN } from '../slug'
import { id } from './common'
import type { QuarantineNote } from './quarantine.api'

/** Podcast, episodes (posts made of media blocks) and publishing. */

export const EPISODE_TYPES = ['full', 'trailer', 'bonus'] as const
export type EpisodeType = (typeof EPISODE_TYPES)[number]

export const BLOCK_TYPES = ['heading', 'paragraph', 'image', 'gallery', 'audio', 'video'] as const
export type BlockType = (typeof BLOCK_TYPES)[number]

const slug = z
  .string()
  .trim()
  .max(100)
  .regex(SLUG_PATTERN, 'use lowercase letters, digits and single hyphens, e.g. "kr012-sourdough"')

/** A block's own id: kept across saves (gallery markup and the editor's list keys use it). */
const blockId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .optional()

/** One block of an episode body, as django-cast's StreamField blocks. */
export const blockInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), id: blockId, text: z.string().trim().min(1).max(255) }).strict(),
  z.object({ type: z.literal('paragraph'), id: blockId, markdown: z.string().max(100_000) }).strict(),
  z.object({ type: z.literal('image'), id: blockId, image: id }).strict(),
  z.object({ type: z.literal('gallery'), id: blockId, images: z.array(id).min(1).max(500) }).strict(),
  z.object({ type: z.literal('audio'), id: blockId, audio: id }).strict(),
  z.object({ type: z.literal('video'), id: blockId, video: id }).strict(),
])
export type BlockInput = z.input<typeof blockInput>

/** A stored block: every block has its id; a gallery knows the gallery its images make. */
export type EpisodeBlock =
  | { id: string; type: 'heading'; text: string }
  | { id: string; type: 'paragraph'; markdown: string }
  | { id: string; type: 'image'; image: number }
  | { id: string; type: 'gallery'; images: number[]; gallery: number }
  | { id: string; type: 'audio'; audio: number }
  | { id: string; type: 'video'; video: number }

const text = (max: number) => z.string().trim().max(max)
const optionalId = id.nullable().optional()
const baseUrl = z
  .url({ protocol: /^https?$/ })
  .max(2000)
  .transform((url) => (url.endsWith('/') ? url : `${url}/`))

const webUrl = z.union([z.url({ protocol: /^https?$/ }).max(2000), z.literal('')])

/** A `podcast:person`: a host of the show or a guest of an episode (Podcasting 2.0). */
export const personInput = z
  .object({
    name: text(128).min(1),
    /** A role of the Podcast Taxonomy Project ("host", "guest", "co-host", …). */
    role: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z -]{0,63}$/, 'a role such as "host", "co-host" or "guest"')
      .default('host'),
    group: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z][a-z -]{0,63}$/, 'a group such as "cast" or "writing"')
      .default('cast'),
    /** A picture of the person. */
    img: webUrl.default(''),
    /** A page about the person. */
    href: webUrl.default(''),
  })
  .strict()
export type PodcastPerson = z.output<typeof personInput>

/** A `podcast:funding` link: where listeners support the show, and its short text. */
export const fundingInput = z
  .object({ url: z.url({ protocol: /^https?$/ }).max(2000), text: text(128).default('') })
  .strict()
export type PodcastFunding = z.output<typeof fundingInput>

/** `podcast:locked`: whether other platforms may import the show; `owner` is the e-mail that may. */
export const lockedInput = z
  .object({ locked: z.boolean(), owner: z.union([z.email().max(255), z.literal('')]).default('') })
  .strict()
export type PodcastLock = z.output<typeof lockedInput>

const podcastFields = {
  subtitle: text(255).optional(),
  description: text(4000).optional(),
  language: z
    .string()
    .trim()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'an ISO 639 code such as "en" or "en-us"')
    .optional(),
  category: text(255).optional(),
  explicit: z.boolean().optional(),
  author: text(255).optional(),
  ownerName: text(255).optional(),
  ownerEmail: z.union([z.email().max(255), z.literal('')]).optional(),
  cover: optionalId,
  baseUrl: baseUrl.optional(),
  persons: z.array(personInput).max(50).optional(),
  funding: z.array(fundingInput).max(20).optional(),
  /** null: no podcast:locked tag in the feed. */
  locked: lockedInput.nullable().optional(),
}

/** A publication date: ISO-8601 with a time zone, or a bare date (midnight UTC); null is a draft. */
const publishedAt = z
  .string()
  .trim()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'an ISO date such as 2026-03-01T08:30:00Z')
  .refine((value) => /^\d{4}-\d{2}-\d{2}($|T.*(Z|[+-]\d{2}:?\d{2})$)/.test(value), 'give a time zone (Z)')
  .transform((value) => new Date(value).toISOString())
  .nullable()

const episodeFields = {
  slug: slug.optional(),
  published: publishedAt.optional(),
  audio: optionalId,
  cover: optionalId,
  season: z.int().positive().nullable().optional(),
  number: z.int().positive().nullable().optional(),
  type: z.enum(EPISODE_TYPES).optional(),
  body: z.array(blockInput).max(1000).optional(),
  /** The episode's people (guests, …); none: the feed names the podcast's hosts. */
  persons: z.array(personInput).max(50).optional(),
}

export const podcastsInputs = {
  'podcast.init': z.object({ title: text(255).min(1), ...podcastFields }).strict(),
  'podcast.show': z.object({}).strict(),
  'podcast.update': z.object({ title: text(255).min(1).optional(), ...podcastFields }).strict(),
  'episodes.create': z.object({ title: text(255).min(1), ...episodeFields }).strict(),
  'episodes.update': z.object({ id, title: text(255).min(1).optional(), ...episodeFields }).strict(),
  'episodes.list': z.object({}).strict(),
  'episodes.show': z.object({ id }).strict(),
  'episodes.delete': z.object({ id }).strict(),
  /** The episode page as published, with media URLs under `mediaBase` (the app's own media URL). */
  'episodes.preview': z.object({ id, mediaBase: z.string().max(500).default('') }).strict(),
  /** The episodes that use a media item (its detail view shows them). */
  'episodes.usage': z.object({ mediaId: id }).strict(),
  /** The storages a podcast can be published to (every storage but the library's own). */
  'publish.targets': z.object({}).strict(),
  /** Writes the site (pages, feeds, chapters, transcripts, media) to a storage through the sync engine. */
  'publish.run': z
    .object({ to: z.string().min(1).max(100).optional(), dryRun: z.boolean().default(false) })
    .strict(),
} as const

export interface PodcastInfo {
  id: number
  title: string
  subtitle: string
  description: string
  language: string
  category: string
  explicit: boolean
  author: string
  owner_name: string
  owner_email: string
  cover: number | null
  base_url: string
  /** podcast:guid kept from an imported feed; '' when the published feed derives it from its URL. */
  guid: string
  /** The feed the show was imported from ('' when it was not). */
  feed_url: string
  /** podcast:person of the show (its hosts). */
  persons: PodcastPerson[]
  funding: PodcastFunding[]
  /** podcast:locked; null: the feed carries no such tag. */
  locked: PodcastLock | null
  created: string
  modified: string
}

export interface EpisodeSummary {
  id: number
  guid: string
  slug: string
  title: string
  published: string | null
  audio: number | null
  cover: number | null
  season: number | null
  number: number | null
  type: EpisodeType
  /** podcast:person of the episode (its guests). */
  persons: PodcastPerson[]
  blocks: number
  modified: string
}

export interface EpisodeInfo extends EpisodeSummary {
  body: EpisodeBlock[]
  /** Media the episode uses (sync_media_ids), by role. */
  media: Array<{ id: number; role: MediaRole }>
  /** Rendition jobs queued by this save (0 on show). */
  renditions_queued: number
}

export type MediaRole = 'audio' | 'cover' | 'image' | 'gallery' | 'video'

export interface MediaUsage {
  episode: number
  title: string
  slug: string
  published: string | null
  roles: MediaRole[]
}

export interface PublishFailure {
  key: string
  code: string
  message: string
}

export interface PublishReport {
  to: string
  dryRun: boolean
  /** The site's address; feeds and the player data use absolute URLs under it. */
  base_url: string
  episodes: number
  /** Storage keys of the feeds, one per audio format. */
  feeds: string[]
  /** Every file of the site (pages, feeds, chapters, transcripts, player assets, media). */
  files: number
  plan: { add: number; change: number; same: number; bytes: number }
  copied: number
  bytes: number
  /** Pages and feeds sent here before that the site no longer has (unpublished or renamed episodes), removed. */
  removed: number
  /** Where the removed pages and feeds went (the destination's quarantine), and how to get them back. */
  quarantine?: QuarantineNote | null
  failures: PublishFailure[]
  /** Renditions the pages needed that had to be made first. */
  renditions_made: number
  /** What podcast directories will object to (artwork, required show fields, episodes without audio). */
  warnings: string[]
  /** Dry run only: what would be copied, and what would be removed. */
  paths?: { add: string[]; change: string[]; remove: string[] }
  /** Dry run only: every file of the site (pages, feeds, player assets, media) with its size, by key. */
  listing?: Array<{ key: string; size: number; action: 'add' | 'change' | 'same' }>
  seconds: number
}

export interface PodcastsOutputs {
  'podcast.init': PodcastInfo
  'podcast.show': PodcastInfo
  'podcast.update': PodcastInfo
  'episodes.create': EpisodeInfo
  'episodes.update': EpisodeInfo
  'episodes.list': EpisodeSummary[]
  'episodes.show': EpisodeInfo
  'episodes.delete': { id: number; deleted: true }
  /**
   * `path`: where the page runs with the real player, for this user only and for an hour:
   * `/preview/<path>` on `castdesk serve`, `castdesk-media://preview/<path>` in the desktop app.
   */
  'episodes.preview': { id: number; html: string; path: string }
  'episodes.usage': MediaUsage[]
  'publish.targets': Array<{ name: string; type: 'local' | 's3' }>
  'publish.run': PublishReport
}
