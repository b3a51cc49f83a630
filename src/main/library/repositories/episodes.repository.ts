import type {
  EpisodeBlock,
  EpisodeSummary,
  EpisodeType,
  MediaRole,
  MediaUsage,
  PodcastPerson,
} from '../../../shared/api/podcasts.api'
import type { Db } from '../database'

/** An episode as stored: its summary and its body blocks. */
export interface EpisodeRecord extends EpisodeSummary {
  podcastId: number
  body: EpisodeBlock[]
}

/** Every column an episode save writes. */
export interface EpisodeRow {
  slug: string
  title: string
  published: string | null
  audio: number | null
  cover: number | null
  season: number | null
  number: number | null
  type: EpisodeType
  body: EpisodeBlock[]
  persons: PodcastPerson[]
}

interface SelectedRow extends Omit<EpisodeRecord, 'body' | 'blocks' | 'persons'> {
  body: string
  persons: string
}

const SELECT = `SELECT id, podcast_id AS podcastId, guid, slug, title, published, audio_id AS audio,
  cover_image_id AS cover, season, number, episode_type AS type, persons, body, modified FROM episodes`

/** Episodes and the media they use (episode_media); every query is scoped to the owner. */
export class EpisodesRepository {
  constructor(private readonly db: Db) {}

  /** Newest first (drafts, which have no date, first of all), then by id. */
  list(ownerId: number): EpisodeRecord[] {
    return this.db
      .prepare<[number], SelectedRow>(
        `${SELECT} WHERE owner_id = ? ORDER BY published IS NOT NULL, published DESC, id DESC`,
      )
      .all(ownerId)
      .map(toRecord)
  }

  find(ownerId: number, id: number): EpisodeRecord | null {
    const row = this.db
      .prepare<[number, number], SelectedRow>(`${SELECT} WHERE id = ? AND owner_id = ?`)
      .get(id, ownerId)
    return row ? toRecord(row) : null
  }

  /** The id of the podcast's episode with this slug, if any. */
  slugOwner(podcastId: number, slug: string): number | null {
    const row = this.db
      .prepare<[number, string], { id: number }>('SELECT id FROM episodes WHERE podcast_id = ? AND slug = ?')
      .get(podcastId, slug)
    return row?.id ?? null
  }

  insert(ownerId: number, podcastId: number, guid: string, row: EpisodeRow, now: string): number {
    const result = this.db
      .prepare(
        `INSERT INTO episodes (podcast_id, owner_id, guid, slug, title, published, audio_id, cover_image_id,
           season, number, episode_type, body, persons, created, modified)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(podcastId, ownerId, guid, ...rowValues(row), now, now)
    return Number(result.lastInsertRowid)
  }

  update(ownerId: number, id: number, row: EpisodeRow, now: string): void {
    this.db
      .prepare(
        `UPDATE episodes SET slug = ?, title = ?, published = ?, audio_id = ?, cover_image_id = ?, season = ?,
           number = ?, episode_type = ?, body = ?, persons = ?, modified = ? WHERE id = ? AND owner_id = ?`,
      )
      .run(...rowValues(row), now, id, ownerId)
  }

  delete(ownerId: number, id: number): boolean {
    return (
      this.db.prepare('DELETE FROM episodes WHERE id = ? AND owner_id = ?').run(id, ownerId).changes === 1
    )
  }

  /** sync_media_ids: the episode's media and galleries become exactly these. */
  setMedia(
    episodeId: number,
    media: ReadonlyArray<{ id: number; role: MediaRole }>,
    galleryIds: readonly number[],
  ): void {
    this.db.prepare('DELETE FROM episode_media WHERE episode_id = ?').run(episodeId)
    this.db.prepare('DELETE FROM episode_galleries WHERE episode_id = ?').run(episodeId)
    const addMedia = this.db.prepare(
      'INSERT OR IGNORE INTO episode_media (episode_id, media_id, role) VALUES (?, ?, ?)',
    )
    for (const item of media) addMedia.run(episodeId, item.id, item.role)
    const addGallery = this.db.prepare(
      'INSERT OR IGNORE INTO episode_galleries (episode_id, gallery_id) VALUES (?, ?)',
    )
    for (const id of galleryIds) addGallery.run(episodeId, id)
  }

  media(episodeId: number): Array<{ id: number; role: MediaRole }> {
    return this.db
      .prepare<[number], { id: number; role: MediaRole }>(
        'SELECT media_id AS id, role FROM episode_media WHERE episode_id = ? ORDER BY role, media_id',
      )
      .all(episodeId)
  }

  /** The owner's episodes that use a media item, with the roles it plays in each. */
  usage(ownerId: number, mediaId: number): MediaUsage[] {
    const rows = this.db
      .prepare<[number, number], Omit<MediaUsage, 'roles'> & { role: MediaRole }>(
        `SELECT e.id AS episode, e.title, e.slug, e.published, em.role FROM episode_media em
         JOIN episodes e ON e.id = em.episode_id
         WHERE em.media_id = ? AND e.owner_id = ? ORDER BY e.id, em.role`,
      )
      .all(mediaId, ownerId)
    const byEpisode = new Map<number, MediaUsage>()
    for (const { role, ...episode } of rows) {
      const entry = byEpisode.get(episode.episode) ?? { ...episode, roles: [] }
      entry.roles.push(role)
      byEpisode.set(episode.episode, entry)
    }
    return [...byEpisode.values()]
  }
}

function rowValues(row: EpisodeRow): Array<string | number | null> {
  return [
    row.slug,
    row.title,
    row.published,
    row.audio,
    row.cover,
    row.season,
    row.number,
    row.type,
    JSON.stringify(row.body),
    JSON.stringify(row.persons),
  ]
}

function toRecord(row: SelectedRow): EpisodeRecord {
  const body = JSON.parse(row.body) as EpisodeBlock[]
  return { ...row, body, blocks: body.length, persons: JSON.parse(row.persons) as PodcastPerson[] }
}
