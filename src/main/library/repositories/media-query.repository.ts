import type { MediaType } from '../../../shared/media'
import type { Db } from '../database'

export interface PageQuery {
  type: MediaType
  /** Case- and accent-insensitive substring of the title (audio: or of the subtitle). */
  q?: string
  /** Every one of these tags (case-insensitive). */
  tags: readonly string[]
  limit: number
  offset: number
}

/** Case and accents folded away, so "uber" finds "Über" (SQLite's own LIKE folds ASCII only). */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()
}

/**
 * The ids of one page of an owner's items of one type, newest first, filtered like django-cast's
 * editor API (`q`, repeated `tag`), and how many there are in all. Trashed items are left out.
 */
export class MediaQueryRepository {
  constructor(private readonly db: Db) {
    db.function('castdesk_fold', { deterministic: true }, (value: unknown) =>
      typeof value === 'string' ? foldText(value) : value,
    )
  }

  page(ownerId: number, query: PageQuery): { count: number; ids: number[] } {
    const where = [
      'm.owner_id = ?',
      'm.type = ?',
      'NOT EXISTS (SELECT 1 FROM trash t WHERE t.media_id = m.id)',
      // A video's poster is part of its video, not an image of its own in lists.
      'NOT EXISTS (SELECT 1 FROM video_posters p WHERE p.image_id = m.id)',
    ]
    const params: (string | number)[] = [ownerId, query.type]
    if (query.q) {
      where.push(
        `(instr(castdesk_fold(m.title), ?) > 0
          OR instr(castdesk_fold((SELECT a.subtitle FROM audios a WHERE a.media_id = m.id)), ?) > 0)`,
      )
      const folded = foldText(query.q)
      params.push(folded, folded)
    }
    for (const tag of query.tags) {
      where.push(
        `EXISTS (SELECT 1 FROM media_tags mt JOIN tags g ON g.id = mt.tag_id
                 WHERE mt.media_id = m.id AND g.name = ?)`,
      )
      params.push(tag)
    }
    const filter = `FROM media m WHERE ${where.join(' AND ')}`
    const count = this.db.prepare(`SELECT count(*) AS n ${filter}`).get(...params) as { n: number }
    const ids = this.db
      .prepare(`SELECT m.id ${filter} ORDER BY m.created DESC, m.id DESC LIMIT ? OFFSET ?`)
      .all(...params, query.limit, query.offset)
      .map((row) => (row as { id: number }).id)
    return { count: count.n, ids }
  }
}
