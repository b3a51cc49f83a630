/** What every door shows of the library. Field names are the JSON the CLI and REST API print. */

export const MEDIA_TYPES = ['image', 'audio', 'video', 'file'] as const
export type MediaType = (typeof MEDIA_TYPES)[number]

export const AUDIO_FORMATS = ['mp3', 'm4a', 'oga', 'opus'] as const
export type AudioFormatName = (typeof AUDIO_FORMATS)[number]

export interface User {
  id: number
  name: string
  created: string
}

export interface StoredFileInfo {
  key: string
  size: number
  sha256: string
  mime: string
  original_name: string | null
  /** A readable path on this machine when the storage is local, else null. */
  path: string | null
}

interface MediaBase {
  id: number
  title: string
  owner: string
  created: string
  modified: string
  tags: string[]
}

export interface FocalPoint {
  x: number
  y: number
  width: number
  height: number
}

export interface ImageItem extends MediaBase {
  type: 'image'
  width: number
  height: number
  format: string
  alt_text: string
  focal_point: FocalPoint | null
  file: StoredFileInfo
}

/** EBU R128 loudness of one file; `silent` (digital silence) has no loudness, so the numbers are null. */
export interface LoudnessInfo {
  integrated_lufs: number | null
  true_peak_dbtp: number | null
  lra_lu: number | null
  silent: boolean
}

export interface AudioFileItem extends StoredFileInfo {
  format: AudioFormatName
  /** null until the loudness job (queued at import and after every encode) has measured it. */
  loudness: LoudnessInfo | null
}

export const MASTER_FORMATS = ['wav', 'flac', 'aiff'] as const
export type MasterFormatName = (typeof MASTER_FORMATS)[number]

/** The lossless recording an Audio's episode files are encoded from; never published. */
export interface AudioMasterItem extends StoredFileInfo {
  format: MasterFormatName
  sample_rate: number
  channels: number
  bit_depth: number | null
  duration_ms: number | null
  loudness: LoudnessInfo | null
}

export interface ChapterMarkItem {
  start_ms: number
  title: string
  link: string | null
  image: string | null
}

export interface AudioItem extends MediaBase {
  type: 'audio'
  subtitle: string
  duration_ms: number | null
  files: AudioFileItem[]
  /** The master recording (WAV, FLAC, AIFF), or null. */
  master: AudioMasterItem | null
  chapters: ChapterMarkItem[]
  /** Whether a transcript has been imported. */
  has_transcript: boolean
}

/** A video's poster frame: an Image item of the same owner (its renditions via `image_id`). */
export interface VideoPoster {
  image_id: number
  key: string
  /** A readable file path when the storage is local, else null. */
  path: string | null
  /** The JPEG's pixel size: the video's display size. */
  width: number
  height: number
  /** Where in the video the frame was taken (poster_seconds clamped into the duration). */
  seconds: number
}

export interface VideoItem extends MediaBase {
  type: 'video'
  width: number | null
  height: number | null
  orientation: 'portrait' | 'landscape' | 'square' | null
  duration_ms: number | null
  mime: string
  video_codec: string | null
  audio_codec: string | null
  poster_seconds: number
  /** null until the poster job (queued at import) or `video poster` has made it. */
  poster: VideoPoster | null
  file: StoredFileInfo
}

export interface FileItem extends MediaBase {
  type: 'file'
  mime: string
  size: number
  file: StoredFileInfo
}

export type MediaItem = ImageItem | AudioItem | VideoItem | FileItem

/** skipped: passed over on purpose (Castdesk's own library, storage folders and files). */
export type ImportStatus = 'imported' | 'duplicate' | 'skipped' | 'error'

export interface ImportOutcome {
  path: string
  status: ImportStatus
  id?: number
  type?: MediaType
  error?: { code: string; message: string }
}

export interface JobInfo {
  id: number
  kind: string
  state: 'queued' | 'running' | 'done' | 'failed'
  attempts: number
  progress: number
  error: { code: string; message: string } | null
  /** The item the job works on, when it works on one, and its title (null when it is gone). */
  media_id: number | null
  media_title: string | null
  created: string
  updated: string
}
