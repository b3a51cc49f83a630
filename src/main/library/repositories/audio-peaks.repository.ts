import type { AudioFormatName, MasterFormatName } from '../../../shared/media'
import type { Db } from '../database'

export interface StoredPeaks {
  audioId: number
  blobId: number
  format: AudioFormatName | MasterFormatName
  sampleRate: number
  samplesPerPeak: number
  /** Interleaved min/max pairs, signed 8-bit. */
  data: Int8Array
  created: string
}

interface PeaksRow {
  audioId: number
  blobId: number
  format: AudioFormatName | MasterFormatName
  sampleRate: number
  samplesPerPeak: number
  data: Buffer
  created: string
}

/** Waveform peaks, one row per audio; callers check ownership first. */
export class AudioPeaksRepository {
  constructor(private readonly db: Db) {}

  find(audioId: number): StoredPeaks | null {
    const row = this.db
      .prepare<[number], PeaksRow>(
        `SELECT audio_id AS audioId, blob_id AS blobId, format, sample_rate AS sampleRate,
           samples_per_peak AS samplesPerPeak, data, created FROM audio_peaks WHERE audio_id = ?`,
      )
      .get(audioId)
    if (!row) return null
    const data = new Int8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength)
    return { ...row, data }
  }

  /** Stores peaks computed from `blobId`, unless that file was replaced meanwhile (its row is gone). */
  save(peaks: Omit<StoredPeaks, 'created'>, now: string): boolean {
    const result = this.db
      .prepare(
        `INSERT OR REPLACE INTO audio_peaks
           (audio_id, blob_id, format, sample_rate, samples_per_peak, length, data, created)
         SELECT ?, ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM blobs WHERE id = ?)`,
      )
      .run(
        peaks.audioId,
        peaks.blobId,
        peaks.format,
        peaks.sampleRate,
        peaks.samplesPerPeak,
        Math.floor(peaks.data.length / 2),
        Buffer.from(peaks.data.buffer, peaks.data.byteOffset, peaks.data.byteLength),
        now,
        peaks.blobId,
      )
    return result.changes > 0
  }
}
