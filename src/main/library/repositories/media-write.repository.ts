import type { AudioFormatName, MediaType } from '../../../shared/media'
import type { Db } from '../database'

export interface NewImage {
  width: number
  height: number
  format: string
  hasAlpha: boolean
}

export interface NewMaster {
  format: 'wav' | 'flac' | 'aiff'
  sampleRate: number
  channels: number
  bitDepth: number | null
  durationMs: number
}

export interface NewVideo {
  width: number
  height: number
  orientation: string
  durationMs: number | null
  mime: string
  /** ffprobe's codec names (video stream, first audio stream). */
  codec?: string | null
  audioCodec?: string | null
}

export interface NewChapter {
  startMs: number
  title: string
  link?: string | null
  image?: string | null
}

/** Writes of media rows; callers wrap them in one transaction with the blob rows. */
export class MediaWriteRepository {
  constructor(private readonly db: Db) {}

  insertMedia(ownerId: number, type: MediaType, title: string, now: string): number {
    const result = this.db
      .prepare('INSERT INTO media (owner_id, type, title, created, modified) VALUES (?, ?, ?, ?, ?)')
      .run(ownerId, type, title, now, now)
    return Number(result.lastInsertRowid)
  }

  insertImage(mediaId: number, blobId: number, image: NewImage): void {
    this.db
      .prepare(
        'INSERT INTO images (media_id, blob_id, width, height, format, has_alpha) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(mediaId, blobId, image.width, image.height, image.format, image.hasAlpha ? 1 : 0)
  }

  insertAudio(mediaId: number, groupKey: string, durationMs: number | null): void {
    this.db
      .prepare('INSERT INTO audios (media_id, group_key, duration_ms) VALUES (?, ?, ?)')
      .run(mediaId, groupKey, durationMs)
  }

  /** The owner's Audio with this base name that still lacks `format`: the episode a new format joins. */
  findAudioToJoin(ownerId: number, groupKey: string, format: AudioFormatName): number | null {
    const row = this.db
      .prepare<[number, string, string], { id: number }>(
        `SELECT a.media_id AS id FROM audios a JOIN media m ON m.id = a.media_id
         WHERE m.owner_id = ? AND a.group_key = ?
           AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.media_id = a.media_id)
           AND NOT EXISTS (SELECT 1 FROM audio_files f WHERE f.audio_id = a.media_id AND f.format = ?)
         ORDER BY a.media_id LIMIT 1`,
      )
      .get(ownerId, groupKey, format)
    return row?.id ?? null
  }

  /** The owner's Audio with this base name that has no master yet: the episode a master joins. */
  findAudioToJoinMaster(ownerId: number, groupKey: string): number | null {
    const row = this.db
      .prepare<[number, string], { id: number }>(
        `SELECT a.media_id AS id FROM audios a JOIN media m ON m.id = a.media_id
         WHERE m.owner_id = ? AND a.group_key = ?
           AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.media_id = a.media_id)
           AND NOT EXISTS (SELECT 1 FROM audio_masters x WHERE x.audio_id = a.media_id)
         ORDER BY a.media_id LIMIT 1`,
      )
      .get(ownerId, groupKey)
    return row?.id ?? null
  }

  insertMaster(audioId: number, blobId: number, master: NewMaster): void {
    this.db
      .prepare(
        `INSERT INTO audio_masters (audio_id, blob_id, format, sample_rate, channels, bit_depth, duration_ms)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        audioId,
        blobId,
        master.format,
        master.sampleRate,
        master.channels,
        master.bitDepth,
        master.durationMs,
      )
  }

  insertAudioFile(audioId: number, format: AudioFormatName, blobId: number): void {
    this.db
      .prepare('INSERT INTO audio_files (audio_id, format, blob_id) VALUES (?, ?, ?)')
      .run(audioId, format, blobId)
  }

  setAudioDurationIfMissing(audioId: number, durationMs: number | null): void {
    if (durationMs === null) return
    this.db
      .prepare('UPDATE audios SET duration_ms = ? WHERE media_id = ? AND duration_ms IS NULL')
      .run(durationMs, audioId)
  }

  /** Adds chapters only to an audio that has none, so an edited list is never overwritten. */
  insertChaptersIfNone(audioId: number, chapters: readonly NewChapter[]): void {
    if (chapters.length === 0) return
    const existing = this.db
      .prepare<[number], { n: number }>('SELECT count(*) AS n FROM chapter_marks WHERE audio_id = ?')
      .get(audioId)
    if ((existing?.n ?? 0) > 0) return
    const insert = this.db.prepare(
      'INSERT INTO chapter_marks (audio_id, start_ms, title, link, image) VALUES (?, ?, ?, ?, ?)',
    )
    for (const chapter of chapters) {
      insert.run(audioId, chapter.startMs, chapter.title, chapter.link ?? null, chapter.image ?? null)
    }
  }

  insertVideo(mediaId: number, blobId: number, video: NewVideo): void {
    this.db
      .prepare(
        `INSERT INTO videos (media_id, blob_id, width, height, orientation, duration_ms, mime, video_codec, audio_codec)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        mediaId,
        blobId,
        video.width,
        video.height,
        video.orientation,
        video.durationMs,
        video.mime,
        video.codec ?? null,
        video.audioCodec ?? null,
      )
  }

  insertFile(mediaId: number, blobId: number, mime: string): void {
    this.db.prepare('INSERT INTO files (media_id, blob_id, mime) VALUES (?, ?, ?)').run(mediaId, blobId, mime)
  }

  touch(mediaId: number, now: string): void {
    this.db.prepare('UPDATE media SET modified = ? WHERE id = ?').run(now, mediaId)
  }

  /** Deletes an item and every row hanging off it; returns false when the owner has no such item. */
  deleteMedia(ownerId: number, mediaId: number): boolean {
    const result = this.db.prepare('DELETE FROM media WHERE id = ? AND owner_id = ?').run(mediaId, ownerId)
    return result.changes === 1
  }
}
