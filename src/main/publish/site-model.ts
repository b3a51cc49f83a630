import type { EpisodeType, PodcastFunding, PodcastLock, PodcastPerson } from '../../shared/api/podcasts.api'
import type { AudioFormatName } from '../../shared/media'
import type { Chapter } from '../media/audio/chapters/chapter'
import type { Cue } from '../media/audio/transcripts/cue'
import type { ImageForSlot } from '../media/images/planner'

/**
 * What the pure page and feed builders take: the podcast and its episodes with every media
 * reference already resolved to URLs (relative in pages, absolute in feeds) and real sizes.
 */

export interface AudioFileModel {
  format: AudioFormatName
  /** Storage key (the same key in the published site). */
  key: string
  size: number
  mime: string
}

export interface AudioModel {
  id: number
  title: string
  subtitle: string
  durationMs: number
  files: AudioFileModel[]
  chapters: Chapter[]
  cues: Cue[]
}

export type ResolvedBlock =
  | { id: string; type: 'heading'; text: string }
  | { id: string; type: 'paragraph'; markdown: string }
  | { id: string; type: 'image'; picture: ImageForSlot; alt: string }
  | {
      id: string
      type: 'gallery'
      items: Array<{ thumbnail: ImageForSlot; modal: ImageForSlot; alt: string }>
    }
  | { id: string; type: 'audio'; audio: AudioModel }
  | {
      id: string
      type: 'video'
      title: string
      key: string
      mime: string
      posterKey: string | null
      width: number | null
      height: number | null
    }

export interface EpisodeModel {
  id: number
  guid: string
  slug: string
  title: string
  /** UTC ISO-8601. */
  published: string
  season: number | null
  number: number | null
  type: EpisodeType
  /** The episode audio (the enclosure); null for an episode without one. */
  audio: AudioModel | null
  /** Key of the cover image's original (itunes:image), and its picture for the page. */
  coverKey: string | null
  cover: ImageForSlot | null
  blocks: ResolvedBlock[]
  /** podcast:person of the episode (guests); none: derived (see feed-persons). */
  persons?: PodcastPerson[]
}

export interface PodcastModel {
  title: string
  subtitle: string
  description: string
  language: string
  category: string
  explicit: boolean
  author: string
  ownerName: string
  ownerEmail: string
  coverKey: string | null
  /** Ends with "/". */
  baseUrl: string
  /** podcast:guid kept from an imported feed; empty: derived from the feed URL. */
  guid?: string
  /** podcast:person of the show (hosts); none: the author as host. */
  persons?: PodcastPerson[]
  funding?: PodcastFunding[]
  locked?: PodcastLock | null
}

/** Where each generated file of an episode lives in the site. */
export const siteKeys = {
  index: 'index.html',
  page: (slug: string) => `${slug}/index.html`,
  chapters: (slug: string) => `${slug}/chapters.json`,
  transcriptVtt: (slug: string) => `${slug}/transcript.vtt`,
  transcriptJson: (slug: string) => `${slug}/transcript.json`,
  player: (slug: string) => `${slug}/podlove.json`,
  feed: (format: AudioFormatName) => `feed/podcast/${format}/rss.xml`,
} as const

/** A key as a URL path: each segment percent-encoded. */
export function keyPath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/')
}

/** The absolute URL of a site key under the base URL. */
export function absoluteUrl(baseUrl: string, key: string): string {
  return new URL(keyPath(key), baseUrl).toString()
}

/** The URL of `key` relative to the page stored at `pageKey` (both keys of the same site). */
export function relativeUrl(pageKey: string, key: string): string {
  const from = pageKey.split('/').slice(0, -1)
  const to = key.split('/')
  let common = 0
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++
  return `${'../'.repeat(from.length - common)}${keyPath(to.slice(common).join('/'))}`
}
