import type { PodcastInfo } from '../../../shared/api/podcasts.api'
import type { Db } from '../database'

/** The editable fields of a podcast, as the service hands them over (undefined = unchanged). */
export interface PodcastFields {
  title?: string
  subtitle?: string
  description?: string
  language?: string
  category?: string
  explicit?: boolean
  author?: string
  ownerName?: string
  ownerEmail?: string
  cover?: number | null
  baseUrl?: string
  /** podcast:guid kept from an imported feed ('' = derived from the feed URL when published). */
  guid?: string
  /** The feed the show was imported from. */
  feedUrl?: string
}

const COLUMNS: Record<keyof PodcastFields, string> = {
  title: 'title',
  subtitle: 'subtitle',
  description: 'description',
  language: 'language',
  category: 'category',
  explicit: 'explicit',
  author: 'author',
  ownerName: 'owner_name',
  ownerEmail: 'owner_email',
  cover: 'cover_image_id',
  baseUrl: 'base_url',
  guid: 'podcast_guid',
  feedUrl: 'feed_url',
}

interface PodcastRow extends Omit<PodcastInfo, 'explicit'> {
  explicit: number
}

const SELECT = `SELECT id, title, subtitle, description, language, category, explicit, author, owner_name,
  owner_email, cover_image_id AS cover, base_url, podcast_guid AS guid, feed_url, created, modified FROM podcasts`

/** The one podcast of each user; every query is scoped to the owner. */
export class PodcastsRepository {
  constructor(private readonly db: Db) {}

  find(ownerId: number): PodcastInfo | null {
    const row = this.db.prepare<[number], PodcastRow>(`${SELECT} WHERE owner_id = ?`).get(ownerId)
    return row ? { ...row, explicit: row.explicit === 1 } : null
  }

  insert(ownerId: number, fields: PodcastFields & { title: string }, now: string): number {
    const result = this.db
      .prepare('INSERT INTO podcasts (owner_id, title, created, modified) VALUES (?, ?, ?, ?)')
      .run(ownerId, fields.title, now, now)
    const id = Number(result.lastInsertRowid)
    this.update(ownerId, fields, now)
    return id
  }

  update(ownerId: number, fields: PodcastFields, now: string): void {
    const set = (Object.keys(COLUMNS) as (keyof PodcastFields)[]).filter((key) => fields[key] !== undefined)
    if (set.length === 0) return
    const values = set.map((key) => {
      const value = fields[key]
      return typeof value === 'boolean' ? Number(value) : (value ?? null)
    })
    this.db
      .prepare(
        `UPDATE podcasts SET ${set.map((key) => `${COLUMNS[key]} = ?`).join(', ')}, modified = ? WHERE owner_id = ?`,
      )
      .run(...values, now, ownerId)
  }
}
