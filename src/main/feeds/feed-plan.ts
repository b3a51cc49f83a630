import { createHash } from 'node:crypto'
import type { PodcastFunding, PodcastLock, PodcastPerson } from '../../shared/api/podcasts.api'
import { appleCategory } from '../../shared/apple-categories'
import type { FeedItem, FeedPodcast, ParsedFeed } from './feed-model'
import { showNotesBlocks } from './show-notes'

/**
 * What an import will do (pure): each item new, updated, unchanged or resumed (its media did not
 * arrive last time), the fields it sets, the fields the user edited since the last import (kept,
 * reported as conflicts), what it downloads, and what the feed holds that Castdesk does not keep.
 */

export type FieldDigests = Record<string, { set: string; src: string }>

export interface KnownItem {
  episodeId: number
  key: string
  enclosureUrl: string
  mediaState: 'pending' | 'done' | 'failed' | 'skipped'
  digests: FieldDigests
  /** Digest of each field's value in Castdesk now. */
  current: Record<string, string>
}

export type DownloadKind = 'audio' | 'alternate' | 'cover' | 'image' | 'chapters' | 'transcript'

export interface PlannedDownload {
  url: string
  kind: DownloadKind
  /** From the feed's `length` or a HEAD request; null when unknown. */
  bytes: number | null
}

export interface PlannedItem {
  key: string
  guid: string | null
  title: string
  published: string | null
  action: 'new' | 'updated' | 'unchanged' | 'resume'
  episodeId: number | null
  /** Fields this run sets. */
  fields: string[]
  /** Fields the user changed in Castdesk since the last import: kept. */
  conflicts: string[]
  downloads: PlannedDownload[]
  item: FeedItem
}

export interface FeedPlan {
  podcast: { fields: string[]; conflicts: string[]; values: PodcastValues }
  items: PlannedItem[]
  /** Older items left out by --limit. */
  leftOut: number
  notKept: string[]
}

/** The podcast fields an import sets, as Castdesk stores them. */
export interface PodcastValues {
  title: string
  subtitle: string
  description: string
  language: string
  category: string
  explicit: boolean
  author: string
  ownerName: string
  ownerEmail: string
  guid: string
  persons: PodcastPerson[]
  funding: PodcastFunding[]
  locked: PodcastLock | null
  cover: string | null
}

export const EPISODE_FIELDS = [
  'title',
  'published',
  'season',
  'number',
  'type',
  'persons',
  'cover',
  'body',
] as const
export type EpisodeField = (typeof EPISODE_FIELDS)[number]

export function digest(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value ?? null))
    .digest('hex')
    .slice(0, 20)
}

/** People, funding and lock with their keys in one order, so equal values have equal digests. */
export const canonical = {
  persons: (list: readonly PodcastPerson[]) =>
    list.map((p) => ({ name: p.name, role: p.role, group: p.group, img: p.img, href: p.href })),
  funding: (list: readonly PodcastFunding[]) => list.map((f) => ({ url: f.url, text: f.text })),
  locked: (lock: PodcastLock | null) => (lock ? { locked: lock.locked, owner: lock.owner } : null),
}

/** The feed's value of each episode field (for cover and body: their source). */
export function itemSources(item: FeedItem): Record<EpisodeField, unknown> {
  return {
    title: item.title.slice(0, 255),
    published: item.published,
    season: item.season,
    number: item.number,
    type: item.type,
    persons: canonical.persons(item.persons),
    cover: item.imageUrl,
    body: item.notes,
  }
}

/** Fields whose Castdesk value is the feed value itself (their `set` digest is the source's). */
const PLAIN = new Set<string>(['title', 'published', 'season', 'number', 'type', 'persons'])

export function podcastValues(podcast: FeedPodcast): PodcastValues {
  const email = podcast.ownerEmail.trim()
  return {
    title: podcast.title.slice(0, 255),
    subtitle: podcast.subtitle.slice(0, 255),
    description: showNotesBlocks(podcast.description)
      .flatMap((block) =>
        block.type === 'paragraph' ? [block.markdown] : block.type === 'heading' ? [block.text] : [],
      )
      .join('\n\n')
      .slice(0, 4000),
    language: /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/.test(podcast.language)
      ? podcast.language.toLowerCase()
      : '',
    category: podcast.categories.map(appleCategory).find((c) => c !== null) ?? '',
    explicit: podcast.explicit,
    author: podcast.author.slice(0, 255),
    ownerName: podcast.ownerName.slice(0, 255),
    ownerEmail: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email.slice(0, 255) : '',
    guid: podcast.guid.slice(0, 255),
    persons: canonical.persons(podcast.persons),
    funding: canonical.funding(podcast.funding),
    locked: canonical.locked(podcast.locked),
    cover: podcast.imageUrl,
  }
}

export function planFeed(
  feed: ParsedFeed,
  known: { podcast: { digests: FieldDigests; current: Record<string, string> } | null; items: KnownItem[] },
  options: { limit?: number; media: boolean },
): FeedPlan {
  const chosen = options.limit === undefined ? feed.items : feed.items.slice(0, options.limit)
  const byKey = new Map(known.items.map((item) => [item.key, item]))
  const byEnclosure = new Map(known.items.filter((i) => i.enclosureUrl).map((i) => [i.enclosureUrl, i]))
  const values = podcastValues(feed.podcast)
  const podcastChanges = compare(
    values as unknown as Record<string, unknown>,
    known.podcast,
    new Set(Object.keys(values).filter((f) => f !== 'cover')),
  )
  const items = chosen.map((item) => {
    const match = byKey.get(item.key) ?? (item.enclosure ? byEnclosure.get(item.enclosure.url) : undefined)
    return planItem(item, match ?? null, options.media)
  })
  return {
    podcast: { ...podcastChanges, values },
    items,
    leftOut: feed.items.length - chosen.length,
    notKept: notKept(feed, chosen),
  }
}

function planItem(item: FeedItem, known: KnownItem | null, media: boolean): PlannedItem {
  const base = { key: item.key, guid: item.guid, title: item.title, published: item.published, item }
  if (!known) {
    return {
      ...base,
      action: 'new',
      episodeId: null,
      fields: [...EPISODE_FIELDS],
      conflicts: [],
      downloads: downloadsOf(item, media, true, true),
    }
  }
  const sources = itemSources(item)
  const resume = media && known.mediaState !== 'done'
  const skip = known.mediaState === 'done' ? undefined : 'published'
  const { fields, conflicts } = compare(sources, known, PLAIN, skip)
  const downloads = [
    ...(resume ? downloadsOf(item, true, false, false) : []),
    ...(fields.includes('cover') && item.imageUrl
      ? [{ url: item.imageUrl, kind: 'cover' as const, bytes: null }]
      : []),
    ...(fields.includes('body') ? notesImages(item) : []),
  ]
  const action = resume ? 'resume' : fields.length > 0 ? 'updated' : 'unchanged'
  return { ...base, action, episodeId: known.episodeId, fields, conflicts, downloads }
}

/** Which fields to set and which the user edited (kept), from the stored and current digests. */
function compare(
  sources: Record<string, unknown>,
  known: { digests: FieldDigests; current: Record<string, string> } | null,
  plain: ReadonlySet<string>,
  skip?: string,
): { fields: string[]; conflicts: string[] } {
  const fields: string[] = []
  const conflicts: string[] = []
  for (const [field, value] of Object.entries(sources)) {
    if (field === skip) continue
    const src = digest(value)
    const stored = known?.digests[field]
    if (!known) {
      fields.push(field)
      continue
    }
    if (!stored) {
      // Never imported before (a podcast made in Castdesk, then its feed imported): the feed fills
      // in what it has and differs, and never empties what the user set.
      const empty =
        value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
      if (!empty && (!plain.has(field) || known.current[field] !== src)) fields.push(field)
      continue
    }
    const edited = known.current[field] !== undefined && known.current[field] !== stored.set
    if (edited) {
      if (src !== stored.src || (plain.has(field) && src !== known.current[field])) conflicts.push(field)
    } else if (src !== stored.src) fields.push(field)
  }
  return { fields, conflicts }
}

function downloadsOf(item: FeedItem, media: boolean, cover: boolean, notes: boolean): PlannedDownload[] {
  const list: PlannedDownload[] = []
  if (media && item.enclosure)
    list.push({ url: item.enclosure.url, kind: 'audio', bytes: item.enclosure.length })
  if (media)
    for (const alt of item.alternates) list.push({ url: alt.url, kind: 'alternate', bytes: alt.length })
  if (media && item.chaptersUrl) list.push({ url: item.chaptersUrl, kind: 'chapters', bytes: null })
  const transcript = media ? pickTranscript(item) : null
  if (transcript) list.push({ url: transcript.url, kind: 'transcript', bytes: null })
  if (cover && item.imageUrl) list.push({ url: item.imageUrl, kind: 'cover', bytes: null })
  if (notes) list.push(...notesImages(item))
  return list
}

function notesImages(item: FeedItem): PlannedDownload[] {
  return showNotesBlocks(item.notes, item.notesBase).flatMap((block) =>
    block.type === 'image' ? [{ url: block.url, kind: 'image' as const, bytes: null }] : [],
  )
}

/** The transcript Castdesk reads best: Podcasting 2.0 JSON, then WebVTT, then SRT. */
export function pickTranscript(item: FeedItem): FeedItem['transcripts'][number] | null {
  const rank = (type: string) =>
    type.includes('json')
      ? 0
      : type.includes('vtt')
        ? 1
        : type.includes('srt') || type.includes('subrip')
          ? 2
          : 9
  const readable = item.transcripts
    .filter((t) => rank(t.type) < 9)
    .sort((a, b) => rank(a.type) - rank(b.type))
  return readable[0] ?? null
}

function notKept(feed: ParsedFeed, items: readonly FeedItem[]): string[] {
  const out: string[] = []
  const p = feed.podcast
  const kept = podcastValues(p).category
  for (const c of p.categories.filter((category) => appleCategory(category) !== kept))
    out.push(
      appleCategory(c)
        ? `the further category ${c} (Castdesk keeps one)`
        : `the category "${c}", which is not one of Apple's`,
    )
  if (p.type === 'serial') out.push('the show type "serial" (Castdesk publishes episodic feeds)')
  for (const skipped of feed.skipped) out.push(`item ${skipped.index + 1}: ${skipped.reason}`)
  for (const item of items) {
    const name = `"${item.title}"`
    if (!item.enclosure) out.push(`${name}: no enclosure (the episode is imported without audio)`)
    if (item.explicit !== null && item.explicit !== p.explicit) out.push(`${name}: its own itunes:explicit`)
    const unread = item.transcripts.filter((t) => t !== pickTranscript(item))
    for (const t of unread) out.push(`${name}: transcript ${t.type || 'of unknown type'} ${t.url}`)
  }
  return out
}

/**
 * A feed locked by `podcast:locked yes` asks hosting platforms not to take it over; that is the
 * owner's own move to Castdesk, never a copy of someone else's show, so the import says so first.
 */
export function lockWarnings(lock: PodcastLock | null): string[] {
  if (!lock?.locked) return []
  const owner = lock.owner ? ` (owner ${lock.owner})` : ''
  return [
    `This feed is locked${owner}: its owner asks other platforms not to import it. Go on only if this is your show; the lock is kept and published again in your feed.`,
  ]
}
