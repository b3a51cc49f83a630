import type { Db } from '../database'

/** Field → digest of the value an import set (and of the feed value it came from). */
export type FieldDigests = Record<string, { set: string; src: string }>

export type MediaState = 'pending' | 'done' | 'failed' | 'skipped'

export interface FeedItemRecord {
  episodeId: number
  itemGuid: string
  enclosureUrl: string
  mediaState: MediaState
  error: string | null
  published: string | null
  digests: FieldDigests
}

interface ItemRow extends Omit<FeedItemRecord, 'digests'> {
  digests: string
}

const ITEM_SELECT = `SELECT episode_id AS episodeId, item_guid AS itemGuid, enclosure_url AS enclosureUrl,
  media_state AS mediaState, error, published, digests FROM feed_import_items`

/** What earlier feed imports set, per podcast and per episode (matched by item GUID or enclosure URL). */
export class FeedImportsRepository {
  constructor(private readonly db: Db) {}

  podcastState(podcastId: number): { feedUrl: string; digests: FieldDigests } | null {
    const row = this.db
      .prepare<[number], { feedUrl: string; digests: string }>(
        'SELECT feed_url AS feedUrl, digests FROM feed_import_podcasts WHERE podcast_id = ?',
      )
      .get(podcastId)
    return row ? { feedUrl: row.feedUrl, digests: JSON.parse(row.digests) as FieldDigests } : null
  }

  savePodcastState(podcastId: number, feedUrl: string, digests: FieldDigests, now: string): void {
    this.db
      .prepare(
        `INSERT INTO feed_import_podcasts (podcast_id, feed_url, digests, imported) VALUES (?, ?, ?, ?)
         ON CONFLICT (podcast_id) DO UPDATE SET feed_url = excluded.feed_url, digests = excluded.digests,
           imported = excluded.imported`,
      )
      .run(podcastId, feedUrl, JSON.stringify(digests), now)
  }

  items(podcastId: number): FeedItemRecord[] {
    return this.db
      .prepare<[number], ItemRow>(`${ITEM_SELECT} WHERE podcast_id = ?`)
      .all(podcastId)
      .map((row) => ({ ...row, digests: JSON.parse(row.digests) as FieldDigests }))
  }

  saveItem(podcastId: number, item: FeedItemRecord, now: string): void {
    this.db
      .prepare(
        `INSERT INTO feed_import_items (episode_id, podcast_id, item_guid, enclosure_url, media_state, error,
           published, digests, imported) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (episode_id) DO UPDATE SET item_guid = excluded.item_guid,
           enclosure_url = excluded.enclosure_url, media_state = excluded.media_state, error = excluded.error,
           published = excluded.published, digests = excluded.digests, imported = excluded.imported`,
      )
      .run(
        item.episodeId,
        podcastId,
        item.itemGuid,
        item.enclosureUrl,
        item.mediaState,
        item.error,
        item.published,
        JSON.stringify(item.digests),
        now,
      )
  }
}
