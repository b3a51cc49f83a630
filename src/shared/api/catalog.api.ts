import { z } from 'zod'
import { AUDIO_FORMATS, MEDIA_TYPES, type MediaItem } from '../media'
import { id } from './common'

/**
 * Media operations added with the REST API (issue 7): a paged and filtered listing, edits, a stored
 * file by key, and uploads. Kept apart from media.api.ts (the foundation's) so that the two files
 * change independently; the operations are still `media.*`.
 */

const tag = z.string().trim().min(1).max(100)
const tags = z
  .array(tag)
  .max(100)
  .transform((list) => [...new Map(list.map((t) => [t.toLowerCase(), t])).values()])
const title = z.string().trim().min(1).max(255)
const subtitle = z.string().trim().max(255)

export const catalogInputs = {
  /** One page of the acting user's items of a type, newest first (django-cast's list API). */
  'media.page': z
    .object({
      type: z.enum(MEDIA_TYPES),
      page: z.int().min(1).default(1),
      /** Items per page: 40 unless asked, at most 200. */
      pageSize: z.int().min(1).max(200).default(40),
      /** Case-insensitive part of the title (audio: or of the subtitle). */
      q: z.string().max(200).optional(),
      /** Only items carrying every one of these tags. */
      tags: z.array(tag).max(20).default([]),
    })
    .strict(),
  /** Changes an item's title, subtitle (audio), alt text (images) or tags (the whole set). */
  'media.update': z
    .object({
      id,
      title: title.optional(),
      subtitle: subtitle.optional(),
      alt_text: z.string().trim().max(1000).optional(),
      tags: tags.optional(),
    })
    .strict(),
  /** A stored file of one of the acting user's items, by its storage key (for serving its bytes). */
  'media.file': z.object({ key: z.string().min(1).max(1024) }).strict(),
  /**
   * Imports a file a door has streamed into the library's upload staging (see staged-uploads.ts)
   * under `upload`, with the name it had on the sender's disk. `type` (and for audio `format`)
   * refuse a file of another kind before anything is stored.
   */
  'media.upload': z
    .object({
      upload: z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
      name: z.string().min(1).max(255),
      type: z.enum(MEDIA_TYPES).optional(),
      format: z.enum(AUDIO_FORMATS).optional(),
      title: title.optional(),
      subtitle: subtitle.optional(),
      tags: tags.optional(),
    })
    .strict(),
} as const

export interface MediaPage {
  count: number
  page: number
  pageSize: number
  results: MediaItem[]
}

export interface MediaFile {
  key: string
  media_id: number
  size: number
  sha256: string
  mime: string
  /** A readable path on this machine when the storage is local, else null. */
  path: string | null
  /** Where the storage publishes it (`file://` for a local storage without a public URL). */
  url: string
}

export interface CatalogOutputs {
  'media.page': MediaPage
  'media.update': MediaItem
  'media.file': MediaFile
  /** `duplicate`: the acting user already has these bytes; `item` is that item, unchanged. */
  'media.upload': { status: 'imported' | 'duplicate'; item: MediaItem }
}
