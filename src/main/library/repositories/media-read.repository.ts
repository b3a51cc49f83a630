import type { MediaItem, MediaType, StoredFileInfo, VideoItem } from '../../../shared/media'
import type { Db } from '../database'
import { readAudios } from './audio-read'
import { groupedRows, IN_BATCH, rowsById } from './media-read-batch'
import { BLOB_COLUMNS, type BlobRow, type ItemBase, type MediaRow } from './media-read-rows'

export interface ListFilter {
  type?: MediaType
  limit?: number
  offset?: number
}

const MEDIA_COLUMNS = 'm.id, m.type, m.title, u.name AS owner, m.created, m.modified'

/**
 * Reads items as the doors show them, always scoped to one owner. A page or a whole listing is
 * read with a few queries per item type, never a few per item.
 */
export class MediaReadRepository {
  /**
   * The `path` of every file this repository reads: one getter shared by all (its `this` is the
   * file), so the files share one hidden class; a getter closure per file gave each its own and
   * cost a listing of 10,000 items about 50 ms.
   */
  private readonly pathProperty: PropertyDescriptor

  constructor(
    private readonly db: Db,
    private readonly localPath: (key: string) => string | null,
  ) {
    this.pathProperty = {
      get(this: StoredFileInfo) {
        return localPath(this.key)
      },
      enumerable: true,
      configurable: true,
    }
  }

  get(ownerId: number, id: number): MediaItem | null {
    return this.getMany(ownerId, [id])[0] ?? null
  }

  /** The owner's items among `ids`, in the order of `ids`; ids of others, trashed or unknown left out. */
  getMany(ownerId: number, ids: readonly number[]): MediaItem[] {
    if (ids.length === 0) return []
    const rows = this.db
      .prepare<[string, number], MediaRow>(
        `SELECT ${MEDIA_COLUMNS} FROM media m JOIN users u ON u.id = m.owner_id
         WHERE m.id IN ${IN_BATCH} AND m.owner_id = ?
           AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.media_id = m.id)`,
      )
      .all(JSON.stringify(ids), ownerId)
    const items = new Map(this.toItems(rows).map((item) => [item.id, item]))
    return ids.flatMap((id) => items.get(id) ?? [])
  }

  /** The owner's items outside the trash, newest first; video posters only inside their video. */
  list(ownerId: number, filter: ListFilter = {}): MediaItem[] {
    const rows = this.db
      .prepare<[number, string | null, string | null, number, number], MediaRow>(
        `SELECT ${MEDIA_COLUMNS}
         FROM media m JOIN users u ON u.id = m.owner_id
         WHERE m.owner_id = ? AND (? IS NULL OR m.type = ?)
           AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.media_id = m.id)
           AND NOT EXISTS (SELECT 1 FROM video_posters p WHERE p.image_id = m.id)
         ORDER BY m.id DESC LIMIT ? OFFSET ?`,
      )
      .all(ownerId, filter.type ?? null, filter.type ?? null, filter.limit ?? -1, filter.offset ?? 0)
    return this.toItems(rows)
  }

  /** Items for rows, in the rows' order. */
  private toItems(rows: readonly MediaRow[]): MediaItem[] {
    const tags = groupedRows<{ id: number; name: string }>(
      this.db,
      `SELECT mt.media_id AS id, t.name FROM media_tags mt JOIN tags t ON t.id = mt.tag_id
       WHERE mt.media_id IN ${IN_BATCH} ORDER BY mt.media_id, t.name`,
      rows.map((row) => row.id),
      'id',
    )
    const tagsOf = (id: number): string[] => tags.get(id)?.map((tag) => tag.name) ?? []
    const ofType: Record<MediaType, MediaRow[]> = { image: [], audio: [], video: [], file: [] }
    for (const row of rows) ofType[row.type].push(row)
    // Each item is built in one object literal (key order as the doors print it), not copied
    // from a base: a listing of 10,000 items spent most of its time copying.
    const byId = new Map<number, MediaItem>()
    this.images(ofType.image, tagsOf, byId)
    const audioBases = ofType.audio.map((row): ItemBase => ({ ...row, tags: tagsOf(row.id) }))
    for (const [id, audio] of readAudios(this.db, audioBases, (row) => this.fileInfo(row)))
      byId.set(id, audio)
    this.videos(ofType.video, tagsOf, byId)
    this.files(ofType.file, tagsOf, byId)
    const items: MediaItem[] = []
    for (const row of rows) {
      const item = byId.get(row.id)
      if (item) items.push(item)
    }
    return items
  }

  private images(rows: readonly MediaRow[], tagsOf: TagsOf, into: Map<number, MediaItem>): void {
    const details = rowsById<BlobRow & ImageDetail>(
      this.db,
      `SELECT i.media_id AS id, ${BLOB_COLUMNS}, i.width, i.height, i.format, i.alt_text AS altText,
         i.focal_x AS fx, i.focal_y AS fy, i.focal_width AS fw, i.focal_height AS fh
       FROM images i JOIN blobs b ON b.id = i.blob_id WHERE i.media_id IN ${IN_BATCH}`,
      rows.map((row) => row.id),
      'id',
    )
    for (const base of rows) {
      const row = details.get(base.id)
      if (!row) continue
      const focal =
        row.fx === null || row.fy === null || row.fw === null || row.fh === null
          ? null
          : { x: row.fx, y: row.fy, width: row.fw, height: row.fh }
      into.set(base.id, {
        id: base.id,
        type: 'image',
        title: base.title,
        owner: base.owner,
        created: base.created,
        modified: base.modified,
        tags: tagsOf(base.id),
        width: row.width,
        height: row.height,
        format: row.format,
        alt_text: row.altText,
        focal_point: focal,
        file: this.fileInfo(row),
      })
    }
  }

  private videos(rows: readonly MediaRow[], tagsOf: TagsOf, into: Map<number, MediaItem>): void {
    const ids = rows.map((row) => row.id)
    const details = rowsById<BlobRow & VideoDetail>(
      this.db,
      `SELECT v.media_id AS id, ${BLOB_COLUMNS}, v.width, v.height, v.orientation, v.duration_ms AS durationMs,
         v.mime AS videoMime, v.video_codec AS videoCodec, v.audio_codec AS audioCodec,
         v.poster_seconds AS posterSeconds
       FROM videos v JOIN blobs b ON b.id = v.blob_id WHERE v.media_id IN ${IN_BATCH}`,
      ids,
      'id',
    )
    const posters = rowsById<PosterRow>(
      this.db,
      `SELECT p.video_id AS videoId, p.image_id AS imageId, b.storage_key AS key, i.width, i.height, p.seconds
       FROM video_posters p JOIN images i ON i.media_id = p.image_id JOIN blobs b ON b.id = i.blob_id
       WHERE p.video_id IN ${IN_BATCH}`,
      ids,
      'videoId',
    )
    for (const base of rows) {
      const row = details.get(base.id)
      if (!row) continue
      const poster = posters.get(base.id)
      into.set(base.id, {
        id: base.id,
        type: 'video',
        title: base.title,
        owner: base.owner,
        created: base.created,
        modified: base.modified,
        tags: tagsOf(base.id),
        width: row.width,
        height: row.height,
        orientation: row.orientation,
        duration_ms: row.durationMs,
        mime: row.videoMime,
        video_codec: row.videoCodec,
        audio_codec: row.audioCodec,
        poster_seconds: row.posterSeconds,
        poster: poster
          ? {
              image_id: poster.imageId,
              key: poster.key,
              path: this.localPath(poster.key),
              width: poster.width,
              height: poster.height,
              seconds: poster.seconds,
            }
          : null,
        file: this.fileInfo(row),
      })
    }
  }

  private files(rows: readonly MediaRow[], tagsOf: TagsOf, into: Map<number, MediaItem>): void {
    const details = rowsById<BlobRow & { id: number }>(
      this.db,
      `SELECT f.media_id AS id, ${BLOB_COLUMNS} FROM files f JOIN blobs b ON b.id = f.blob_id
       WHERE f.media_id IN ${IN_BATCH}`,
      rows.map((row) => row.id),
      'id',
    )
    for (const base of rows) {
      const row = details.get(base.id)
      if (!row) continue
      into.set(base.id, {
        id: base.id,
        type: 'file',
        title: base.title,
        owner: base.owner,
        created: base.created,
        modified: base.modified,
        tags: tagsOf(base.id),
        mime: row.mime,
        size: row.size,
        file: this.fileInfo(row),
      })
    }
  }

  /**
   * A stored file as items show it. Its `path` is looked up when read: the REST API replaces it
   * by a URL without reading it, a listing of 10,000 items for the CLI or the app reads each once.
   */
  private fileInfo(row: BlobRow): StoredFileInfo {
    const file = {
      key: row.key,
      size: row.size,
      sha256: row.sha256,
      mime: row.mime,
      original_name: row.originalName,
    }
    return Object.defineProperty(file, 'path', this.pathProperty) as StoredFileInfo
  }
}

type TagsOf = (id: number) => string[]

interface PosterRow {
  videoId: number
  imageId: number
  key: string
  width: number
  height: number
  seconds: number
}

interface ImageDetail {
  id: number
  width: number
  height: number
  format: string
  altText: string
  fx: number | null
  fy: number | null
  fw: number | null
  fh: number | null
}

interface VideoDetail {
  id: number
  width: number | null
  height: number | null
  orientation: VideoItem['orientation']
  durationMs: number | null
  videoMime: string
  videoCodec: string | null
  audioCodec: string | null
  posterSeconds: number
}
