import type {
  AudioFileItem,
  AudioFormatName,
  AudioItem,
  AudioMasterItem,
  ChapterMarkItem,
  MasterFormatName,
  StoredFileInfo,
} from '../../../shared/media'
import type { Db } from '../database'
import { LOUDNESS_SELECT, type LoudnessColumns, loudnessFromColumns } from './audio-loudness.repository'
import { groupedRows, IN_BATCH, rowsById } from './media-read-batch'
import { BLOB_COLUMNS, type BlobRow, type ItemBase } from './media-read-rows'

interface AudioDetailRow {
  id: number
  subtitle: string
  durationMs: number | null
  hasTranscript: 0 | 1
}

type AudioFileRow = BlobRow & LoudnessColumns & { audioId: number; format: AudioFormatName }

type MasterRow = BlobRow &
  LoudnessColumns & {
    audioId: number
    format: MasterFormatName
    sampleRate: number
    channels: number
    bitDepth: number | null
    durationMs: number | null
  }

type ChapterRow = ChapterMarkItem & { audioId: number }

/** Audios of one batch: details, files in feed order, master, chapters: four queries in all. */
export function readAudios(
  db: Db,
  bases: readonly ItemBase[],
  fileInfo: (row: BlobRow) => StoredFileInfo,
): Map<number, AudioItem> {
  const ids = bases.map((base) => base.id)
  const details = rowsById<AudioDetailRow>(
    db,
    `SELECT media_id AS id, subtitle, duration_ms AS durationMs,
       EXISTS (SELECT 1 FROM transcripts t WHERE t.audio_id = audios.media_id) AS hasTranscript
     FROM audios WHERE media_id IN ${IN_BATCH}`,
    ids,
    'id',
  )
  const files = groupedRows<AudioFileRow>(
    db,
    `SELECT f.audio_id AS audioId, ${BLOB_COLUMNS}, ${LOUDNESS_SELECT}, f.format
     FROM audio_files f JOIN blobs b ON b.id = f.blob_id LEFT JOIN audio_loudness l ON l.blob_id = b.id
     WHERE f.audio_id IN ${IN_BATCH}
     ORDER BY f.audio_id, CASE f.format WHEN 'mp3' THEN 0 WHEN 'm4a' THEN 1 WHEN 'oga' THEN 2 ELSE 3 END`,
    ids,
    'audioId',
  )
  const masters = rowsById<MasterRow>(
    db,
    `SELECT x.audio_id AS audioId, ${BLOB_COLUMNS}, ${LOUDNESS_SELECT}, x.format, x.sample_rate AS sampleRate,
       x.channels, x.bit_depth AS bitDepth, x.duration_ms AS durationMs
     FROM audio_masters x JOIN blobs b ON b.id = x.blob_id LEFT JOIN audio_loudness l ON l.blob_id = b.id
     WHERE x.audio_id IN ${IN_BATCH}`,
    ids,
    'audioId',
  )
  const chapters = groupedRows<ChapterRow>(
    db,
    `SELECT audio_id AS audioId, start_ms, title, link, image FROM chapter_marks
     WHERE audio_id IN ${IN_BATCH} ORDER BY audio_id, start_ms`,
    ids,
    'audioId',
  )
  const items = new Map<number, AudioItem>()
  for (const base of bases) {
    const detail = details.get(base.id)
    const masterRow = masters.get(base.id)
    const master: AudioMasterItem | null = masterRow
      ? {
          format: masterRow.format,
          ...fileInfo(masterRow),
          sample_rate: masterRow.sampleRate,
          channels: masterRow.channels,
          bit_depth: masterRow.bitDepth,
          duration_ms: masterRow.durationMs,
          loudness: loudnessFromColumns(masterRow),
        }
      : null
    items.set(base.id, {
      ...base,
      type: 'audio',
      subtitle: detail?.subtitle ?? '',
      duration_ms: detail?.durationMs ?? null,
      files: (files.get(base.id) ?? []).map(
        (row): AudioFileItem => ({
          format: row.format,
          ...fileInfo(row),
          loudness: loudnessFromColumns(row),
        }),
      ),
      master,
      chapters: (chapters.get(base.id) ?? []).map(({ audioId: _, ...mark }) => mark),
      has_transcript: detail?.hasTranscript === 1,
    })
  }
  return items
}
