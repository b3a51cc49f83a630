import type { MediaType } from '../../../shared/media'
import type { Db } from '../database'

/** What episodes need to know of the media they point at: type and a few facts, scoped to the owner. */
export class EpisodeMediaRepository {
  constructor(private readonly db: Db) {}

  /** The types of the owner's items among `ids` that are not in the trash; others are absent. */
  typesOf(ownerId: number, ids: readonly number[]): Map<number, MediaType> {
    const found = new Map<number, MediaType>()
    const statement = this.db.prepare<[number, number], { type: MediaType }>(
      `SELECT m.type FROM media m WHERE m.id = ? AND m.owner_id = ?
         AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.media_id = m.id)`,
    )
    for (const id of new Set(ids)) {
      const row = statement.get(id, ownerId)
      if (row) found.set(id, row.type)
    }
    return found
  }

  /** The title of the owner's item ('' when it is not theirs). */
  titleOf(ownerId: number, id: number): string {
    const row = this.db
      .prepare<[number, number], { title: string }>('SELECT title FROM media WHERE id = ? AND owner_id = ?')
      .get(id, ownerId)
    return row?.title ?? ''
  }

  /** The MIME type of the owner's video (video/mp4, video/quicktime, …). */
  videoMime(ownerId: number, id: number): string | null {
    const row = this.db
      .prepare<[number, number], { mime: string }>(
        'SELECT v.mime FROM videos v JOIN media m ON m.id = v.media_id WHERE v.media_id = ? AND m.owner_id = ?',
      )
      .get(id, ownerId)
    return row?.mime ?? null
  }
}
