import { z } from 'zod'
import type {
  AudioFileItem,
  AudioFormatName,
  ChapterMarkItem,
  LoudnessInfo,
  MasterFormatName,
  StoredFileInfo,
} from '../media'
import { id } from './common'

/** Chapter file formats, as the CLI names them (`podcasting2-json` is accepted for `podcasting2`). */
export const CHAPTER_FILE_FORMATS = [
  'mp4chaps',
  'psc',
  'podlove-json',
  'podcasting2',
  'audacity',
  'ffmetadata',
] as const
export type ChapterFileFormat = (typeof CHAPTER_FILE_FORMATS)[number]

/** Transcript formats, as the CLI names them; the codec names (webvtt, podlove-json, …) are accepted too. */
export const TRANSCRIPT_FILE_FORMATS = ['vtt', 'srt', 'podlove', 'dote', 'podcasting2'] as const
export type TranscriptFileFormat = (typeof TRANSCRIPT_FILE_FORMATS)[number]

const chapterFormat = z
  .enum([...CHAPTER_FILE_FORMATS, 'podcasting2-json'])
  .transform((f): ChapterFileFormat => (f === 'podcasting2-json' ? 'podcasting2' : f))

const TRANSCRIPT_ALIASES: Record<string, TranscriptFileFormat> = {
  webvtt: 'vtt',
  'podlove-json': 'podlove',
  'podcasting2-json': 'podcasting2',
}
const transcriptFormat = z
  .enum([...TRANSCRIPT_FILE_FORMATS, 'webvtt', 'podlove-json', 'podcasting2-json'])
  .transform((f): TranscriptFileFormat => TRANSCRIPT_ALIASES[f] ?? (f as TranscriptFileFormat))

const url = z.string().trim().max(2000)

/** One chapter mark as the editor sends it; link and image are absolute http(s) URLs or null. */
const chapterMark = z
  .object({
    start_ms: z.int().min(0),
    title: z.string().max(255),
    link: url.nullable().default(null),
    image: url.nullable().default(null),
  })
  .strict()

/** Text to import: a local file (CLI, desktop) or its content (browser upload). */
const source = {
  path: z.string().min(1).optional(),
  text: z.string().optional(),
  /** The uploaded file's name, when `text` is given (names the kept file). */
  name: z.string().min(1).max(255).optional(),
}

const encodeOptions = z
  .object({
    id,
    /** Default: audioEncoding.formats. */
    formats: z
      .array(z.enum(['mp3', 'm4a', 'opus', 'oga']))
      .min(1)
      .max(4)
      .optional(),
    target_lufs: z.number().min(-40).max(-6).optional(),
    true_peak_dbtp: z.number().min(-9).max(0).optional(),
    /** An image of the library; default: the episode's cover, else the podcast's. */
    cover: id.optional(),
  })
  .strict()

export const audioInputs = {
  /** Adds a format file to an Audio, or replaces the file of that format (the old file is removed after). */
  'audio.addFile': z.object({ id, path: z.string().min(1) }).strict(),
  'audio.update': z
    .object({
      id,
      title: z.string().trim().min(1).max(255).optional(),
      subtitle: z.string().max(512).optional(),
    })
    .strict(),
  'audio.chapters': z.object({ id }).strict(),
  /** Replaces every chapter mark; validated (titles, unique starts, within the duration), stored ascending. */
  'audio.setChapters': z.object({ id, chapters: z.array(chapterMark).max(10_000) }).strict(),
  'audio.importChapters': z.object({ id, ...source, format: chapterFormat.optional() }).strict(),
  'audio.exportChapters': z.object({ id, format: chapterFormat }).strict(),
  /** Replaces the chapter marks with those embedded in the Audio's files (first file that has any). */
  'audio.readEmbeddedChapters': z.object({ id }).strict(),
  /** Writes the chapter marks into every file of the Audio (ffmpeg, no re-encode), verified by reading back. */
  'audio.writeChapters': z.object({ id }).strict(),
  'audio.transcript': z.object({ id }).strict(),
  'audio.importTranscript': z.object({ id, ...source, format: transcriptFormat.optional() }).strict(),
  'audio.exportTranscript': z.object({ id, format: transcriptFormat }).strict(),
  /** Podlove Web Player 5 episode data; file URLs start with `mediaBaseUrl` when given, else the storage's URL. */
  'audio.player': z.object({ id, mediaBaseUrl: z.url().optional() }).strict(),
  /** Waveform peaks (computed once, then served from the library). */
  'audio.peaks': z.object({ id }).strict(),
  /** EBU R128 loudness of every file of the Audio (master included); files not measured yet are measured now. */
  'audio.loudness': z.object({ id }).strict(),
  /**
   * Makes loudness-normalized episode files from the master (else the best file) with tags, cover and
   * chapters, verifies them and makes them the Audio's files; runs now (the CLI), with progress.
   */
  'audio.encode': encodeOptions,
  /** The same as a background job (the app): returns the job at once; `jobs list` shows its progress. */
  'audio.queueEncode': encodeOptions,
  /** Stops the Audio's queued or running encode; nothing it made replaces anything. */
  'audio.cancelEncode': z.object({ id }).strict(),
} as const

export interface AudioChapters {
  id: number
  duration_ms: number | null
  chapters: ChapterMarkItem[]
}

export interface ExportedText {
  id: number
  format: string
  mime: string
  /** The usual file extension, without the dot. */
  extension: string
  text: string
}

export interface WrittenChapterFile {
  format: AudioFormatName
  size: number
  sha256: string
  chapters: number
}

export interface TranscriptInfo {
  id: number
  /** The format of the kept upload. */
  format: TranscriptFileFormat | null
  file: StoredFileInfo | null
  cues: number
  speakers: string[]
  /** When the transcript was last imported; null when the Audio has none. */
  modified: string | null
}

export interface PodlovePlayerData {
  version: 5
  title: string
  subtitle: string
  duration: string
  audio: Array<{ url: string; mimeType: string; size: string; title: string }>
  chapters: Array<{ start: string; title: string; href: string | null; image: string | null }>
  transcripts: Array<{
    start: string
    start_ms: number
    end: string
    end_ms: number
    speaker: string
    voice: string
    text: string
  }>
  contributors: Array<{ id: string; name: string }>
}

export interface AudioPeaks {
  id: number
  /** The file the peaks were computed from (the master's format when the Audio has only a master). */
  format: AudioFormatName | MasterFormatName
  /** BBC audiowaveform JSON: interleaved min/max pairs, 8 bits, mono. */
  version: 2
  channels: 1
  sample_rate: number
  samples_per_pixel: number
  bits: 8
  length: number
  data: number[]
}

export interface AudioLoudness {
  id: number
  /** audioEncoding.targetLufs: the band a file should land in (±1 LU is shown as on target). */
  target_lufs: number
  master: { format: MasterFormatName; loudness: LoudnessInfo | null } | null
  files: Array<{ format: AudioFormatName; loudness: LoudnessInfo | null }>
}

export interface EncodedFileResult {
  format: AudioFormatName
  key: string
  size: number
  sha256: string
  loudness: LoudnessInfo
  /** A file of this format was there before (deleted once the new one was stored). */
  replaced: boolean
}

export interface AudioEncodeResult {
  id: number
  /** What was encoded: the master, or (no master) the existing file used, re-encoded. */
  source: MasterFormatName | AudioFormatName
  source_is_master: boolean
  target_lufs: number
  true_peak_dbtp: number
  /** `gain`: plain gain; `gain+limiter`: plain gain would break the peak, so a limiter keeps it under. */
  method: 'gain' | 'gain+limiter'
  gain_db: number
  files: EncodedFileResult[]
  cover_image_id: number | null
  chapters: number
  chapter_pictures: number
  warnings: string[]
}

export interface AudioOutputs {
  'audio.addFile': {
    id: number
    format: AudioFormatName
    replaced: boolean
    file: AudioFileItem
    duration_ms: number | null
  }
  'audio.update': { id: number; title: string; subtitle: string }
  'audio.chapters': AudioChapters
  'audio.setChapters': AudioChapters
  'audio.importChapters': AudioChapters & { format: ChapterFileFormat }
  'audio.exportChapters': ExportedText
  'audio.readEmbeddedChapters': AudioChapters & { source: AudioFormatName }
  'audio.writeChapters': { id: number; files: WrittenChapterFile[] }
  'audio.transcript': TranscriptInfo
  'audio.importTranscript': TranscriptInfo
  'audio.exportTranscript': ExportedText
  'audio.player': PodlovePlayerData
  'audio.peaks': AudioPeaks
  'audio.loudness': AudioLoudness
  'audio.encode': AudioEncodeResult
  'audio.queueEncode': { id: number; job_id: number }
  'audio.cancelEncode': { id: number; cancelled: boolean }
}
