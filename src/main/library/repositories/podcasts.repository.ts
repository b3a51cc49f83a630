import type {
  PodcastFunding,
  PodcastInfo,
  PodcastLock,
  PodcastPerson,
} from '../../../shared/api/podcasts.api'
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
  persons?: PodcastPerson[]
  funding?: PodcastFunding[]
  /** null: no podcast:locked tag. */
  locked?: PodcastLock | null
}

type ScalarField = Exclude<keyof PodcastFields, 'persons' | 'funding' | 'locked'>

const COLUMNS: Record<ScalarField, string> = {
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

interface PodcastRow extends Omit<PodcastInfo, 'explicit' | 'persons' | 'funding' | 'locked'> {
  explicit: number
  persons: string
  funding: string
  locked: '' | 'yes' | 'no'
  locked_owner: string
}

const SELECT = `SELECT id, title, subtitle, description, language, category, explicit, author, owner_name,
  owner_email, cover_image_id AS cover, base_url, podcast_guid AS guid, feed_url, persons, funding, locked,
  locked_owner, created, modified FROM podcasts`

/** The one podcast of each user; every query is scoped to the owner. */
export class PodcastsRepository {
  constructor(private readonly db: Db) {}

  find(ownerId: number): PodcastInfo | null {
    const row = this.db.prepare<[number], PodcastRow>(`${SELECT} WHERE owner_id = ?`).get(ownerId)
    if (!row) return null
    const { locked, locked_owner: owner, persons, funding, ...rest } = row
    return {
      ...rest,
      explicit: row.explicit === 1,
      persons: JSON.parse(persons) as PodcastPerson[],
      funding: JSON.parse(funding) as PodcastFunding[],
      locked: locked === '' ? null : { locked: locked === 'yes', owner },
    }
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
    const columns: Array<[string, string | number | null]> = []
    for (const key of Object.keys(COLUMNS) as ScalarField[]) {
      const value = fields[key]
      if (value !== undefined)
        columns.push([COLUMNS[key], typeof value === 'boolean' ? Number(value) : (value ?? null)])
    }
    if (fields.persons !== undefined) columns.push(['persons', JSON.stringify(fields.persons)])
    if (fields.funding !== undefined) columns.push(['funding', JSON.stringify(fields.funding)])
    if (fields.locked !== undefined) {
      columns.push(['locked', fields.locked === null ? '' : fields.locked.locked ? 'yes' : 'no'])
      columns.push(['locked_owner', fields.locked?.owner ?? ''])
    }
    if (columns.length === 0) return
    this.db
      .prepare(
        `UPDATE podcasts SET ${columns.map(([column]) => `${column} = ?`).join(', ')}, modified = ? WHERE owner_id = ?`,
      )
      .run(...columns.map(([, value]) => value), now, ownerId)
  }
}
