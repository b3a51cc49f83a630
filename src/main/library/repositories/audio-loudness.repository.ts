import type { LoudnessInfo } from '../../../shared/media'
import type { Db } from '../database'

/** Loudness columns as the audio queries select them (`l` is audio_loudness, LEFT JOINed). */
export interface LoudnessColumns {
  lMeasured: string | null
  lIntegrated: number | null
  lTruePeak: number | null
  lRange: number | null
  lSilent: number | null
}

export const LOUDNESS_SELECT = `l.measured AS lMeasured, l.integrated_lufs AS lIntegrated,
  l.true_peak_dbtp AS lTruePeak, l.lra_lu AS lRange, l.silent AS lSilent`

export function loudnessFromColumns(row: LoudnessColumns): LoudnessInfo | null {
  if (row.lMeasured === null) return null
  return {
    integrated_lufs: row.lIntegrated,
    true_peak_dbtp: row.lTruePeak,
    lra_lu: row.lRange,
    silent: row.lSilent === 1,
  }
}

/** A stored file to measure: the blob and what the file is. */
export interface UnmeasuredBlob {
  blobId: number
  key: string
  label: string
}

/** Measured loudness per stored audio file (masters and delivery files). */
export class AudioLoudnessRepository {
  constructor(private readonly db: Db) {}

  save(blobId: number, loudness: LoudnessInfo, now: string): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO audio_loudness (blob_id, integrated_lufs, true_peak_dbtp, lra_lu, silent, measured)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(
        blobId,
        loudness.integrated_lufs,
        loudness.true_peak_dbtp,
        loudness.lra_lu,
        loudness.silent ? 1 : 0,
        now,
      )
  }

  /** The Audio's files (master first) that have no loudness yet. */
  unmeasured(audioId: number): UnmeasuredBlob[] {
    return this.db
      .prepare<[number, number], UnmeasuredBlob>(
        `SELECT b.id AS blobId, b.storage_key AS key, coalesce(b.original_name, b.storage_key) AS label
         FROM blobs b LEFT JOIN audio_loudness l ON l.blob_id = b.id
         WHERE l.blob_id IS NULL AND (
           b.id IN (SELECT blob_id FROM audio_masters WHERE audio_id = ?)
           OR b.id IN (SELECT blob_id FROM audio_files WHERE audio_id = ?))
         ORDER BY b.id`,
      )
      .all(audioId, audioId)
  }
}
