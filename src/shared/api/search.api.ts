import { z } from 'zod'
import { MEDIA_TYPES, type MediaType } from '../media'

export const searchInputs = {
  /**
   * Full-text search over the acting user's items: title, subtitle, tags, alt text, original file
   * names, chapter titles and transcript text. Any text is a valid query (FTS syntax is taken
   * literally); the last word matches as a prefix.
   */
  'search.query': z
    .object({
      q: z.string().max(1000),
      type: z.enum(MEDIA_TYPES).optional(),
      limit: z.int().min(1).max(200).default(50),
    })
    .strict(),
} as const

/** Where a hit was found: the item's own fields, one of its chapter titles, or one transcript cue. */
export type SearchMatch = 'item' | 'chapter' | 'transcript'

export interface SearchHit {
  id: number
  type: MediaType
  title: string
  /** The matching text around the words found, each found word wrapped in `**`. */
  snippet: string
  match: SearchMatch
  /** Where the chapter or transcript cue starts (milliseconds); absent for item hits. */
  start_ms?: number
}

export interface SearchOutputs {
  /** Best first (bm25); one item appears at most 5 times (its own fields, chapters, cues). */
  'search.query': SearchHit[]
}
