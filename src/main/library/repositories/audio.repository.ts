import type { AudioFormatName, LoudnessInfo, MasterFormatName } from '../../../shared/media'
import type { Db } from '../database'
import { LOUDNESS_SELECT, type LoudnessColumns, loudnessFromColumns } from './audio-loudness.repository'

export interface AudioFileRecord {
  format: AudioFormatName
  blobId: number
  key: string
  size: number
  sha256: string
  mime: string
  originalName: string | null
  loudness: LoudnessInfo | null
}

export interface MasterRecord {
  format: MasterFormatName
  blobId: number
  key: string
  size: number
  sha256: string
  mime: string
  originalName: string | null
  sampleRate: number
  channels: number
  bitDepth: number | null
  durationMs: number | null
  loudness: LoudnessInfo | null
}

export interface AudioRecord {
  id: number
  ownerId: number
  title: string
  subtitle: string
  durationMs: number | null
  /** In mp3, m4a, oga, opus order. */
  files: AudioFileRecord[]
  master: MasterRecord | null
}

const ORDER = `CASE f.format WHEN 'mp3' THEN 0 WHEN 'm4a' THEN 1 WHEN 'oga' THEN 2 ELSE 3 END`

/** Audio rows and their format files, always scoped to an owner. */
export class AudioRepository {
  constructor(private readonly db: Db) {}

  find(ownerId: number, id: number): AudioRecord | null {
    const row = this.db
      .prepare<[number, number], Omit<AudioRecord, 'files'>>(
        `SELECT m.id, m.owner_id AS ownerId, m.title, a.subtitle, a.duration_ms AS durationMs
         FROM audios a JOIN media m ON m.id = a.media_id WHERE a.media_id = ? AND m.owner_id = ?`,
      )
      .get(id, ownerId)
    if (!row) return null
    const files = this.db
      .prepare<[number], Omit<AudioFileRecord, 'loudness'> & LoudnessColumns>(
        `SELECT f.format, b.id AS blobId, b.storage_key AS key, b.size, b.sha256, b.mime,
           b.original_name AS originalName, ${LOUDNESS_SELECT}
         FROM audio_files f JOIN blobs b ON b.id = f.blob_id LEFT JOIN audio_loudness l ON l.blob_id = b.id
         WHERE f.audio_id = ? ORDER BY ${ORDER}`,
      )
      .all(id)
      .map((file) => ({ ...stripLoudness(file), loudness: loudnessFromColumns(file) }))
    const master = this.db
      .prepare<[number], Omit<MasterRecord, 'loudness'> & LoudnessColumns>(
        `SELECT x.format, b.id AS blobId, b.storage_key AS key, b.size, b.sha256, b.mime,
           b.original_name AS originalName, x.sample_rate AS sampleRate, x.channels, x.bit_depth AS bitDepth,
           x.duration_ms AS durationMs, ${LOUDNESS_SELECT}
         FROM audio_masters x JOIN blobs b ON b.id = x.blob_id LEFT JOIN audio_loudness l ON l.blob_id = b.id
         WHERE x.audio_id = ?`,
      )
      .get(id)
    return {
      ...row,
      files,
      master: master ? { ...stripLoudness(master), loudness: loudnessFromColumns(master) } : null,
    }
  }

  /** The owner of an audio, for work queued without one (import hooks); null when there is no such audio. */
  ownerOf(id: number): number | null {
    const row = this.db
      .prepare<[number], { ownerId: number }>(
        'SELECT m.owner_id AS ownerId FROM audios a JOIN media m ON m.id = a.media_id WHERE a.media_id = ?',
      )
      .get(id)
    return row?.ownerId ?? null
  }

  /** Sets the title and/or subtitle; false when the owner has no such audio. */
  updateText(ownerId: number, id: number, text: { title?: string; subtitle?: string }, now: string): boolean {
    if (!this.find(ownerId, id)) return false
    if (text.title !== undefined)
      this.db.prepare('UPDATE media SET title = ? WHERE id = ?').run(text.title, id)
    if (text.subtitle !== undefined) {
      this.db.prepare('UPDATE audios SET subtitle = ? WHERE media_id = ?').run(text.subtitle, id)
    }
    this.touch(id, now)
    return true
  }

  setDuration(id: number, durationMs: number | null): void {
    this.db.prepare('UPDATE audios SET duration_ms = ? WHERE media_id = ?').run(durationMs, id)
  }

  /** Points `format` of the audio at a new blob; returns the blob it replaced, if any. */
  setFile(audioId: number, format: AudioFormatName, blobId: number): number | null {
    const old = this.db
      .prepare<[number, string], { blobId: number }>(
        'SELECT blob_id AS blobId FROM audio_files WHERE audio_id = ? AND format = ?',
      )
      .get(audioId, format)
    if (old) {
      this.db
        .prepare('UPDATE audio_files SET blob_id = ? WHERE audio_id = ? AND format = ?')
        .run(blobId, audioId, format)
    } else {
      this.db
        .prepare('INSERT INTO audio_files (audio_id, format, blob_id) VALUES (?, ?, ?)')
        .run(audioId, format, blobId)
    }
    return old?.blobId ?? null
  }

  /** Removes a blob row nothing points at any more (the peaks computed from it go with it). */
  deleteBlob(blobId: number): void {
    this.db.prepare('DELETE FROM blobs WHERE id = ?').run(blobId)
  }

  /** Records the new content of a file rewritten in place under the same key. */
  updateBlobContent(blobId: number, size: number, sha256: string): void {
    this.db.prepare('UPDATE blobs SET size = ?, sha256 = ? WHERE id = ?').run(size, sha256, blobId)
  }

  touch(id: number, now: string): void {
    this.db.prepare('UPDATE media SET modified = ? WHERE id = ?').run(now, id)
  }
}

function stripLoudness<T extends LoudnessColumns>(row: T): Omit<T, keyof LoudnessColumns> {
  const { lMeasured: _m, lIntegrated: _i, lTruePeak: _t, lRange: _r, lSilent: _s, ...rest } = row
  return rest
}
