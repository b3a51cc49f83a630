import type { MediaType } from '../../../shared/media'
import type { Db } from '../database'

export interface TrashedItem {
  id: number
  type: MediaType
  title: string
  trashed: string
}

/**
 * The library's trash (table trash): a trashed item is hidden from its owner and keeps its files
 * until the trash is emptied. Every query is scoped to the owner.
 */
export class TrashRepository {
  constructor(private readonly db: Db) {}

  /**
   * Moves the owner's item to the trash, a video with its poster image; false when the owner has
   * no such item outside it.
   */
  put(ownerId: number, mediaId: number, now: string): boolean {
    const insert = this.db.prepare(
      `INSERT INTO trash (media_id, trashed)
       SELECT m.id, ? FROM media m WHERE m.id = ? AND m.owner_id = ?
         AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.media_id = m.id)`,
    )
    return this.db
      .transaction(() => {
        if (insert.run(now, mediaId, ownerId).changes !== 1) return false
        for (const poster of this.postersOf(mediaId)) insert.run(now, poster, ownerId)
        return true
      })
      .immediate()
  }

  /** Takes the owner's item out of the trash (a video with its poster); false when it is not there. */
  restore(ownerId: number, mediaId: number): boolean {
    const remove = this.db.prepare(
      'DELETE FROM trash WHERE media_id = ? AND media_id IN (SELECT id FROM media WHERE owner_id = ?)',
    )
    return this.db
      .transaction(() => {
        if (remove.run(mediaId, ownerId).changes !== 1) return false
        for (const poster of this.postersOf(mediaId)) remove.run(poster, ownerId)
        return true
      })
      .immediate()
  }

  private postersOf(videoId: number): number[] {
    return this.db
      .prepare<[number], { id: number }>('SELECT image_id AS id FROM video_posters WHERE video_id = ?')
      .all(videoId)
      .map((row) => row.id)
  }

  list(ownerId: number): TrashedItem[] {
    return this.db
      .prepare<[number], TrashedItem>(
        `SELECT m.id, m.type, m.title, t.trashed FROM trash t JOIN media m ON m.id = t.media_id
         WHERE m.owner_id = ? ORDER BY t.trashed, m.id`,
      )
      .all(ownerId)
  }
}
