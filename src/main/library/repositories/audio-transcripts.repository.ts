import type { Cue, TranscriptFormat } from '../../media/audio/transcripts/cue'
import type { Db } from '../database'

export interface TranscriptRecord {
  audioId: number
  /** The format of the file as uploaded; null for a transcript without a kept file. */
  format: TranscriptFormat | null
  file: {
    blobId: number
    key: string
    size: number
    sha256: string
    mime: string
    originalName: string | null
  } | null
  cues: number
  modified: string
}

interface TranscriptRow {
  audioId: number
  format: TranscriptFormat | null
  blobId: number | null
  key: string | null
  size: number | null
  sha256: string | null
  mime: string | null
  originalName: string | null
  modified: string
  cues: number
}

/** django-cast's columns for the formats it knows; the kept upload is also named there. */
const LEGACY_COLUMN: Partial<Record<TranscriptFormat, string>> = {
  'podlove-json': 'podlove_blob_id',
  webvtt: 'vtt_blob_id',
  dote: 'dote_blob_id',
}

/** One transcript per audio: the uploaded file and the normalised cues. Callers check ownership first. */
export class AudioTranscriptsRepository {
  constructor(private readonly db: Db) {}

  find(audioId: number): TranscriptRecord | null {
    const row = this.db
      .prepare<[number], TranscriptRow>(
        `SELECT t.audio_id AS audioId, t.source_format AS format, b.id AS blobId, b.storage_key AS key, b.size,
           b.sha256, b.mime, b.original_name AS originalName, t.modified,
           (SELECT count(*) FROM transcript_cues c WHERE c.audio_id = t.audio_id) AS cues
         FROM transcripts t LEFT JOIN blobs b ON b.id = t.source_blob_id WHERE t.audio_id = ?`,
      )
      .get(audioId)
    if (!row) return null
    const file =
      row.blobId === null
        ? null
        : {
            blobId: row.blobId,
            key: row.key as string,
            size: row.size as number,
            sha256: row.sha256 as string,
            mime: row.mime as string,
            originalName: row.originalName,
          }
    return { audioId: row.audioId, format: row.format, file, cues: row.cues, modified: row.modified }
  }

  cues(audioId: number): Cue[] {
    return this.db
      .prepare<[number], Cue>(
        `SELECT start_ms AS startMs, end_ms AS endMs, speaker, text FROM transcript_cues
         WHERE audio_id = ? ORDER BY position`,
      )
      .all(audioId)
  }

  /**
   * Replaces the audio's transcript with a new kept file and its cues, inside the caller's transaction.
   * Returns the storage keys of the files it replaced, whose blob rows are gone: delete them after commit.
   */
  replace(
    audioId: number,
    source: { format: TranscriptFormat; blobId: number },
    cues: readonly Cue[],
    now: string,
  ): string[] {
    const old = this.db
      .prepare<[number], { id: number; key: string }>(
        `SELECT b.id, b.storage_key AS key FROM transcripts t JOIN blobs b
           ON b.id IN (t.source_blob_id, t.podlove_blob_id, t.vtt_blob_id, t.dote_blob_id)
         WHERE t.audio_id = ?`,
      )
      .all(audioId)
    this.db.prepare('DELETE FROM transcripts WHERE audio_id = ?').run(audioId)
    const legacy = LEGACY_COLUMN[source.format]
    const columns = ['audio_id', 'source_format', 'source_blob_id', 'modified', ...(legacy ? [legacy] : [])]
    const values = [audioId, source.format, source.blobId, now, ...(legacy ? [source.blobId] : [])]
    this.db
      .prepare(
        `INSERT INTO transcripts (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
      )
      .run(...values)
    const insert = this.db.prepare(
      'INSERT INTO transcript_cues (audio_id, position, start_ms, end_ms, speaker, text) VALUES (?, ?, ?, ?, ?, ?)',
    )
    cues.forEach((cue, position) => {
      insert.run(audioId, position, cue.startMs, cue.endMs, cue.speaker, cue.text)
    })
    const deleteBlob = this.db.prepare('DELETE FROM blobs WHERE id = ?')
    for (const blob of old) if (blob.id !== source.blobId) deleteBlob.run(blob.id)
    return old.filter((blob) => blob.id !== source.blobId).map((blob) => blob.key)
  }
}
