import type { Db } from '../database'

export interface RenditionRecord {
  id: number
  imageId: number
  spec: string
  focalKey: string
  key: string
  size: number
  width: number
  height: number
  format: string
}

export interface NewRendition {
  imageId: number
  spec: string
  focalKey: string
  blobId: number
  width: number
  height: number
  format: string
}

const SELECT = `SELECT r.id, r.image_id AS imageId, r.spec, r.focal_key AS focalKey, b.storage_key AS key, b.size,
    r.width, r.height, r.format
  FROM renditions r JOIN blobs b ON b.id = r.blob_id`

export class RenditionsRepository {
  constructor(private readonly db: Db) {}

  find(imageId: number, spec: string, focalKey: string): RenditionRecord | null {
    const row = this.db
      .prepare<[number, string, string], RenditionRecord>(
        `${SELECT} WHERE r.image_id = ? AND r.spec = ? AND r.focal_key = ?`,
      )
      .get(imageId, spec, focalKey)
    return row ?? null
  }

  forImage(imageId: number): RenditionRecord[] {
    return this.db
      .prepare<[number], RenditionRecord>(`${SELECT} WHERE r.image_id = ? ORDER BY r.id`)
      .all(imageId)
  }

  /** Every stored (image, spec) of an owner, for sync_renditions. */
  specsOfOwner(ownerId: number): { imageId: number; spec: string }[] {
    return this.db
      .prepare<[number], { imageId: number; spec: string }>(
        `SELECT r.image_id AS imageId, r.spec FROM renditions r JOIN media m ON m.id = r.image_id
         WHERE m.owner_id = ? ORDER BY r.id`,
      )
      .all(ownerId)
  }

  insert(rendition: NewRendition): number {
    const result = this.db
      .prepare(
        `INSERT INTO renditions (image_id, spec, focal_key, blob_id, width, height, format)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        rendition.imageId,
        rendition.spec,
        rendition.focalKey,
        rendition.blobId,
        rendition.width,
        rendition.height,
        rendition.format,
      )
    return Number(result.lastInsertRowid)
  }

  /** Deletes renditions (and their blob rows); returns the storage keys whose files can go. */
  delete(records: readonly { id: number; key: string }[]): string[] {
    const deleteRendition = this.db.prepare('DELETE FROM renditions WHERE id = ?')
    const deleteBlob = this.db.prepare('DELETE FROM blobs WHERE storage_key = ?')
    this.db.transaction(() => {
      for (const record of records) {
        deleteRendition.run(record.id)
        deleteBlob.run(record.key)
      }
    })()
    return records.map((r) => r.key)
  }
}
