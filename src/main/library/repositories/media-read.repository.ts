import type {
  AudioFileItem,
  AudioFormatName,
  AudioItem,
  AudioMasterItem,
  ChapterMarkItem,
  FileItem,
  ImageItem,
  MasterFormatName,
  MediaItem,
  MediaType,
  StoredFileInfo,
  VideoItem,
} from '../../../shared/media'
import type { Db } from '../database'
import { LOUDNESS_SELECT, type LoudnessColumns, loudnessFromColumns } from './audio-loudness.repository'

interface MediaRow {
  id: number
  type: MediaType
  title: string
  owner: string
  created: string
  modified: string
}

interface BlobRow {
  key: string
  size: number
  sha256: string
  mime: string
  originalName: string | null
}

interface MasterRow {
  format: MasterFormatName
  sampleRate: number
  channels: number
  bitDepth: number | null
  durationMs: number | null
}

const BLOB_COLUMNS = 'b.storage_key AS key, b.size, b.sha256, b.mime, b.original_name AS originalName'

export interface ListFilter {
  type?: MediaType
  limit?: number
  offset?: number
}

/** Reads items as the doors show them, always scoped to one owner. */
export class MediaReadRepository {
  constructor(
    private readonly db: Db,
    private readonly localPath: (key: string) => string | null,
  ) {}

  get(ownerId: number, id: number): MediaItem | null {
    const row = this.db
      .prepare<[number, number], MediaRow>(
        `SELECT m.id, m.type, m.title, u.name AS owner, m.created, m.modified
         FROM media m JOIN users u ON u.id = m.owner_id WHERE m.id = ? AND m.owner_id = ?
           AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.media_id = m.id)`,
      )
      .get(id, ownerId)
    return row ? this.toItem(row) : null
  }

  /** The owner's items outside the trash, newest first; video posters only inside their video. */
  list(ownerId: number, filter: ListFilter = {}): MediaItem[] {
    const rows = this.db
      .prepare<[number, string | null, string | null, number, number], MediaRow>(
        `SELECT m.id, m.type, m.title, u.name AS owner, m.created, m.modified
         FROM media m JOIN users u ON u.id = m.owner_id
         WHERE m.owner_id = ? AND (? IS NULL OR m.type = ?)
           AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.media_id = m.id)
           AND NOT EXISTS (SELECT 1 FROM video_posters p WHERE p.image_id = m.id)
         ORDER BY m.id DESC LIMIT ? OFFSET ?`,
      )
      .all(ownerId, filter.type ?? null, filter.type ?? null, filter.limit ?? -1, filter.offset ?? 0)
    return rows.map((row) => this.toItem(row))
  }

  private toItem(row: MediaRow): MediaItem {
    const base = { ...row, tags: this.tags(row.id) }
    switch (row.type) {
      case 'image':
        return this.image(base)
      case 'audio':
        return this.audio(base)
      case 'video':
        return this.video(base)
      case 'file':
        return this.file(base)
    }
  }

  private image(base: MediaRow & { tags: string[] }): ImageItem {
    const row = this.db
      .prepare<[number], BlobRow & ImageDetail>(
        `SELECT ${BLOB_COLUMNS}, i.width, i.height, i.format, i.alt_text AS altText,
           i.focal_x AS fx, i.focal_y AS fy, i.focal_width AS fw, i.focal_height AS fh
         FROM images i JOIN blobs b ON b.id = i.blob_id WHERE i.media_id = ?`,
      )
      .get(base.id) as BlobRow & ImageDetail
    const focal =
      row.fx === null || row.fy === null || row.fw === null || row.fh === null
        ? null
        : { x: row.fx, y: row.fy, width: row.fw, height: row.fh }
    return {
      ...base,
      type: 'image',
      width: row.width,
      height: row.height,
      format: row.format,
      alt_text: row.altText,
      focal_point: focal,
      file: this.fileInfo(row),
    }
  }

  private audio(base: MediaRow & { tags: string[] }): AudioItem {
    const detail = this.db
      .prepare<[number], { subtitle: string; durationMs: number | null; hasTranscript: 0 | 1 }>(
        `SELECT subtitle, duration_ms AS durationMs,
           EXISTS (SELECT 1 FROM transcripts t WHERE t.audio_id = audios.media_id) AS hasTranscript
         FROM audios WHERE media_id = ?`,
      )
      .get(base.id)
    const files = this.db
      .prepare<[number], BlobRow & LoudnessColumns & { format: AudioFormatName }>(
        `SELECT ${BLOB_COLUMNS}, ${LOUDNESS_SELECT}, f.format FROM audio_files f JOIN blobs b ON b.id = f.blob_id
         LEFT JOIN audio_loudness l ON l.blob_id = b.id WHERE f.audio_id = ?
         ORDER BY CASE f.format WHEN 'mp3' THEN 0 WHEN 'm4a' THEN 1 WHEN 'oga' THEN 2 ELSE 3 END`,
      )
      .all(base.id)
      .map(
        (row): AudioFileItem => ({
          format: row.format,
          ...this.fileInfo(row),
          loudness: loudnessFromColumns(row),
        }),
      )
    const masterRow = this.db
      .prepare<[number], BlobRow & LoudnessColumns & MasterRow>(
        `SELECT ${BLOB_COLUMNS}, ${LOUDNESS_SELECT}, x.format, x.sample_rate AS sampleRate, x.channels,
           x.bit_depth AS bitDepth, x.duration_ms AS durationMs
         FROM audio_masters x JOIN blobs b ON b.id = x.blob_id LEFT JOIN audio_loudness l ON l.blob_id = b.id
         WHERE x.audio_id = ?`,
      )
      .get(base.id)
    const master: AudioMasterItem | null = masterRow
      ? {
          format: masterRow.format,
          ...this.fileInfo(masterRow),
          sample_rate: masterRow.sampleRate,
          channels: masterRow.channels,
          bit_depth: masterRow.bitDepth,
          duration_ms: masterRow.durationMs,
          loudness: loudnessFromColumns(masterRow),
        }
      : null
    const chapters = this.db
      .prepare<[number], ChapterMarkItem>(
        'SELECT start_ms, title, link, image FROM chapter_marks WHERE audio_id = ? ORDER BY start_ms',
      )
      .all(base.id)
    return {
      ...base,
      type: 'audio',
      subtitle: detail?.subtitle ?? '',
      duration_ms: detail?.durationMs ?? null,
      files,
      master,
      chapters,
      has_transcript: detail?.hasTranscript === 1,
    }
  }

  private video(base: MediaRow & { tags: string[] }): VideoItem {
    const row = this.db
      .prepare<[number], BlobRow & VideoDetail>(
        `SELECT ${BLOB_COLUMNS}, v.width, v.height, v.orientation, v.duration_ms AS durationMs,
           v.mime AS videoMime, v.video_codec AS videoCodec, v.audio_codec AS audioCodec,
           v.poster_seconds AS posterSeconds
         FROM videos v JOIN blobs b ON b.id = v.blob_id WHERE v.media_id = ?`,
      )
      .get(base.id) as BlobRow & VideoDetail
    const poster = this.db
      .prepare<[number], { imageId: number; key: string; width: number; height: number; seconds: number }>(
        `SELECT p.image_id AS imageId, b.storage_key AS key, i.width, i.height, p.seconds
         FROM video_posters p JOIN images i ON i.media_id = p.image_id JOIN blobs b ON b.id = i.blob_id
         WHERE p.video_id = ?`,
      )
      .get(base.id)
    return {
      ...base,
      type: 'video',
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
    }
  }

  private file(base: MediaRow & { tags: string[] }): FileItem {
    const row = this.db
      .prepare<[number], BlobRow>(
        `SELECT ${BLOB_COLUMNS} FROM files f JOIN blobs b ON b.id = f.blob_id WHERE f.media_id = ?`,
      )
      .get(base.id) as BlobRow
    return { ...base, type: 'file', mime: row.mime, size: row.size, file: this.fileInfo(row) }
  }

  private tags(mediaId: number): string[] {
    return this.db
      .prepare<[number], { name: string }>(
        'SELECT t.name FROM media_tags mt JOIN tags t ON t.id = mt.tag_id WHERE mt.media_id = ? ORDER BY t.name',
      )
      .all(mediaId)
      .map((row) => row.name)
  }

  private fileInfo(row: BlobRow): StoredFileInfo {
    return {
      key: row.key,
      size: row.size,
      sha256: row.sha256,
      mime: row.mime,
      original_name: row.originalName,
      path: this.localPath(row.key),
    }
  }
}

interface ImageDetail {
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
  width: number | null
  height: number | null
  orientation: VideoItem['orientation']
  durationMs: number | null
  videoMime: string
  videoCodec: string | null
  audioCodec: string | null
  posterSeconds: number
}
