import type { MediaType } from '../../../shared/media'
import type { Db } from '../database'

/** A video's current poster: an Image item of the same owner, and the frame's time. */
export interface PosterLink {
  imageId: number
  blobId: number
  key: string
  width: number
  height: number
  seconds: number
}

/** What poster work needs of a video: its stored original, display size, duration and poster. */
export interface VideoSource {
  id: number
  ownerId: number
  title: string
  key: string
  originalName: string | null
  width: number | null
  height: number | null
  durationMs: number | null
  posterSeconds: number
  poster: PosterLink | null
}

interface SourceRow {
  id: number
  ownerId: number
  title: string
  key: string
  originalName: string | null
  width: number | null
  height: number | null
  durationMs: number | null
  posterSeconds: number
  imageId: number | null
  posterBlobId: number | null
  posterKey: string | null
  posterWidth: number | null
  posterHeight: number | null
  seconds: number | null
}

const SOURCE_SELECT = `SELECT v.media_id AS id, m.owner_id AS ownerId, m.title, b.storage_key AS key,
    b.original_name AS originalName, v.width, v.height, v.duration_ms AS durationMs,
    v.poster_seconds AS posterSeconds, p.image_id AS imageId, pb.id AS posterBlobId,
    pb.storage_key AS posterKey, i.width AS posterWidth, i.height AS posterHeight, p.seconds
  FROM videos v JOIN media m ON m.id = v.media_id JOIN blobs b ON b.id = v.blob_id
    LEFT JOIN video_posters p ON p.video_id = v.media_id
    LEFT JOIN images i ON i.media_id = p.image_id
    LEFT JOIN blobs pb ON pb.id = i.blob_id`

/** Reads of videos for poster work, always scoped to one owner. */
export class VideoRepository {
  constructor(private readonly db: Db) {}

  source(ownerId: number, id: number): VideoSource | null {
    const row = this.db
      .prepare<[number, number], SourceRow>(`${SOURCE_SELECT} WHERE v.media_id = ? AND m.owner_id = ?`)
      .get(id, ownerId)
    return row ? toSource(row) : null
  }

  /** The type of one of the owner's items (for an error that says what the item is instead). */
  typeOf(ownerId: number, id: number): MediaType | null {
    const row = this.db
      .prepare<[number, number], { type: MediaType }>('SELECT type FROM media WHERE id = ? AND owner_id = ?')
      .get(id, ownerId)
    return row?.type ?? null
  }

  /** The owner of a video, or null when it is not a video. */
  ownerOf(id: number): number | null {
    const row = this.db
      .prepare<[number], { ownerId: number }>(
        `SELECT m.owner_id AS ownerId FROM videos v JOIN media m ON m.id = v.media_id WHERE v.media_id = ?`,
      )
      .get(id)
    return row?.ownerId ?? null
  }

  /** The owner's video ids, oldest first; only those without a poster unless `all`. */
  ids(ownerId: number, all: boolean): number[] {
    return this.db
      .prepare<[number, number], { id: number }>(
        `SELECT v.media_id AS id FROM videos v JOIN media m ON m.id = v.media_id
         WHERE m.owner_id = ? AND (? = 1 OR NOT EXISTS (SELECT 1 FROM video_posters p WHERE p.video_id = v.media_id))
         ORDER BY v.media_id`,
      )
      .all(ownerId, all ? 1 : 0)
      .map((row) => row.id)
  }
}

function toSource(row: SourceRow): VideoSource {
  const poster =
    row.imageId === null ||
    row.posterBlobId === null ||
    row.posterKey === null ||
    row.posterWidth === null ||
    row.posterHeight === null ||
    row.seconds === null
      ? null
      : {
          imageId: row.imageId,
          blobId: row.posterBlobId,
          key: row.posterKey,
          width: row.posterWidth,
          height: row.posterHeight,
          seconds: row.seconds,
        }
  return {
    id: row.id,
    ownerId: row.ownerId,
    title: row.title,
    key: row.key,
    originalName: row.originalName,
    width: row.width,
    height: row.height,
    durationMs: row.durationMs,
    posterSeconds: row.posterSeconds,
    poster,
  }
}
