import type { MediaType } from '../../../shared/media'

export interface MediaRow {
  id: number
  type: MediaType
  title: string
  owner: string
  created: string
  modified: string
}

/** An item's common part: its row and its tags. */
export type ItemBase = MediaRow & { tags: string[] }

export interface BlobRow {
  key: string
  size: number
  sha256: string
  mime: string
  originalName: string | null
}

export const BLOB_COLUMNS = 'b.storage_key AS key, b.size, b.sha256, b.mime, b.original_name AS originalName'
