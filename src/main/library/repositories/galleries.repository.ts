import type { Db } from '../database'

export class GalleriesRepository {
  constructor(private readonly db: Db) {}

  /** The owner's oldest gallery with exactly this ordered image list, if any. */
  findBySignature(ownerId: number, signature: string): number | null {
    const row = this.db
      .prepare<[number, string], { id: number }>(
        'SELECT id FROM galleries WHERE owner_id = ? AND signature = ? ORDER BY id LIMIT 1',
      )
      .get(ownerId, signature)
    return row?.id ?? null
  }

  insert(ownerId: number, signature: string, imageIds: readonly number[], now: string): number {
    return this.db.transaction(() => {
      const result = this.db
        .prepare('INSERT INTO galleries (owner_id, signature, created) VALUES (?, ?, ?)')
        .run(ownerId, signature, now)
      const id = Number(result.lastInsertRowid)
      const add = this.db.prepare(
        'INSERT INTO gallery_images (gallery_id, position, image_id) VALUES (?, ?, ?)',
      )
      for (const [position, imageId] of imageIds.entries()) add.run(id, position, imageId)
      return id
    })()
  }

  imageIds(ownerId: number, galleryId: number): number[] | null {
    const owned = this.db
      .prepare<[number, number], { id: number }>('SELECT id FROM galleries WHERE id = ? AND owner_id = ?')
      .get(galleryId, ownerId)
    if (!owned) return null
    return this.db
      .prepare<[number], { imageId: number }>(
        'SELECT image_id AS imageId FROM gallery_images WHERE gallery_id = ? ORDER BY position',
      )
      .all(galleryId)
      .map((row) => row.imageId)
  }

  /** Ids of the owner's images that are in at least one gallery. */
  galleryMemberIds(ownerId: number): number[] {
    return this.db
      .prepare<[number], { imageId: number }>(
        `SELECT DISTINCT gi.image_id AS imageId FROM gallery_images gi JOIN galleries g ON g.id = gi.gallery_id
         WHERE g.owner_id = ? ORDER BY gi.image_id`,
      )
      .all(ownerId)
      .map((row) => row.imageId)
  }
}
