import type { MediaType } from '../../../shared/media'
import type { Db } from '../database'

export interface ReferencedFile {
  key: string
  sha256: string
  size: number
  role: 'original' | 'rendition' | 'poster' | 'transcript' | 'peaks'
  mediaId: number
  ownerId: number
  type: MediaType
  title: string
}

/** What a restored database needs from storage, and the derived files it can make again. */
export class RestorePlanRepository {
  constructor(private readonly db: Db) {}

  /** Every stored file a row references (trashed items too), by key. */
  referencedFiles(): ReferencedFile[] {
    return this.db
      .prepare<[], ReferencedFile>(
        `SELECT b.storage_key AS key, b.sha256, b.size, b.role, b.media_id AS mediaId, b.owner_id AS ownerId,
                m.type, m.title
         FROM blobs b JOIN media m ON m.id = b.media_id ORDER BY b.storage_key`,
      )
      .all()
  }

  /** Forgets a rendition whose file is gone; returns what to make again, null if it is not one. */
  dropRendition(key: string): { imageId: number; spec: string } | null {
    const row = this.db
      .prepare<[string], { id: number; imageId: number; spec: string }>(
        `SELECT r.id, r.image_id AS imageId, r.spec FROM renditions r JOIN blobs b ON b.id = r.blob_id
         WHERE b.storage_key = ?`,
      )
      .get(key)
    if (!row) return null
    this.db.prepare('DELETE FROM renditions WHERE id = ?').run(row.id)
    this.db.prepare('DELETE FROM blobs WHERE storage_key = ?').run(key)
    return { imageId: row.imageId, spec: row.spec }
  }
}
