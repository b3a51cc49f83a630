import { z } from 'zod'
import type { ErrorBody } from '../errors'

/** Bringing a show in from its RSS feed. */

export const feedsInputs = {
  /**
   * Imports a podcast from its feed into the acting user's podcast: `feed` is an http(s) address
   * (or, from the CLI and the desktop app only, a file). `dryRun` only plans; `media: false` skips
   * audio, chapters and transcripts (the episodes stay drafts until a run fetches them).
   */
  'podcast.import': z
    .object({
      feed: z.string().trim().min(1).max(4000),
      limit: z.int().positive().max(100_000).optional(),
      dryRun: z.boolean().default(false),
      media: z.boolean().default(true),
    })
    .strict(),
  /**
   * Stops the acting user's running import: downloads under way are dropped (no partial file is
   * kept), episodes already finished stay, and the next import resumes the rest.
   */
  'podcast.cancelImport': z.object({}).strict(),
} as const

export interface FeedImportDownload {
  url: string
  kind: 'audio' | 'alternate' | 'cover' | 'image' | 'chapters' | 'transcript'
  /** From the feed's `length` or a HEAD request; null when unknown. */
  bytes: number | null
}

export interface FeedImportItem {
  /** The item's GUID exactly as in the feed (null: matched by its enclosure URL). */
  guid: string | null
  title: string
  published: string | null
  /** new: not in Castdesk yet; updated: changed in the feed; resume: its media did not arrive last time. */
  action: 'new' | 'updated' | 'unchanged' | 'resume'
  episode: number | null
  /** Fields this run sets. */
  fields: string[]
  /** Fields you changed in Castdesk since the last import: kept as you left them. */
  conflicts: string[]
  downloads: FeedImportDownload[]
  /**
   * After a run: done, draft (media missing: see errors), failed (nothing saved), or cancelled
   * (stopped on request before it finished: the next import resumes it).
   */
  status?: 'done' | 'draft' | 'failed' | 'cancelled'
  /** Each problem of this item, with its code and what to do. */
  errors: ErrorBody[]
}

export interface FeedImportReport {
  feed: string
  dryRun: boolean
  podcast: {
    id: number | null
    title: string
    action: 'create' | 'update' | 'unchanged'
    fields: string[]
    conflicts: string[]
    guid: string
  }
  items: FeedImportItem[]
  /** Older items left out by `limit`. */
  left_out: number
  /** What the feed holds that Castdesk does not keep. */
  not_kept: string[]
  /** What to know before going on: e.g. the feed is locked by its owner (podcast:locked). */
  warnings: string[]
  /** Bytes the planned downloads take (known sizes), and free on the library's disk. */
  bytes_needed: number
  bytes_free: number | null
  /** After a run: bytes actually downloaded. */
  downloaded_bytes: number
  /** Items with an error. */
  failed: number
  /** Stopped on request (podcast.cancelImport): items not finished are `cancelled`. */
  cancelled: boolean
  seconds: number
}

export interface FeedsOutputs {
  'podcast.import': FeedImportReport
  /** `cancelled`: an import was running and is stopping. */
  'podcast.cancelImport': { cancelled: boolean }
}
