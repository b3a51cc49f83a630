import type { EpisodeType, PodcastFunding, PodcastLock, PodcastPerson } from '../../shared/api/podcasts.api'

/** A podcast feed as Castdesk reads it (what the pure parser returns). */

export interface FeedPodcast {
  title: string
  subtitle: string
  description: string
  author: string
  ownerName: string
  ownerEmail: string
  language: string
  /** Apple categories as "Category > Subcategory", in feed order. */
  categories: string[]
  explicit: boolean
  type: 'episodic' | 'serial'
  link: string
  imageUrl: string | null
  /** podcast:guid, '' when the feed has none. */
  guid: string
  /** itunes:new-feed-url or the atom:link rel="self", when given. */
  newFeedUrl: string | null
  /** podcast:person of the channel (the hosts). */
  persons: PodcastPerson[]
  funding: PodcastFunding[]
  /** podcast:locked; null when the feed has none. */
  locked: PodcastLock | null
}

export interface FeedEnclosure {
  url: string
  /** The feed's `length` (bytes), null when missing or 0. */
  length: number | null
  type: string
}

export interface FeedChapterMark {
  startMs: number
  title: string
  link: string | null
  image: string | null
}

export interface FeedItem {
  /** The item's GUID exactly as in the feed; null when it has none. */
  guid: string | null
  /** What a later run matches the item by: its GUID, else its enclosure URL. */
  key: string
  title: string
  /** UTC ISO-8601 to the second, null when the date is missing or unreadable. */
  published: string | null
  season: number | null
  number: number | null
  type: EpisodeType
  explicit: boolean | null
  subtitle: string
  summary: string
  /** The show notes: content:encoded, else description, else itunes:summary (HTML or text). */
  notes: string
  /** What relative URLs in the show notes are resolved against: the item's link, else the channel's. */
  notesBase: string | null
  imageUrl: string | null
  enclosure: FeedEnclosure | null
  /** podcast:alternateEnclosure sources (each its first http(s) source). */
  alternates: FeedEnclosure[]
  chaptersUrl: string | null
  pscChapters: FeedChapterMark[]
  transcripts: Array<{ url: string; type: string; language: string | null }>
  /** podcast:person of the item (the guests). */
  persons: PodcastPerson[]
}

export interface ParsedFeed {
  podcast: FeedPodcast
  /** Newest first. */
  items: FeedItem[]
  /** Items that could not be read at all (no title and no enclosure), by position. */
  skipped: Array<{ index: number; reason: string }>
}
