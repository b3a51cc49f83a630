/** Every kind of background job and its payload; each kind has exactly one handler. */
export interface JobPayloads {
  /** Re-reads an item's stored files and checks them against their recorded SHA-256. */
  'media.verify': { mediaId: number }
  /** Makes the image's missing renditions of these specs (one decode of the original). */
  'image.renditions': { ownerId: number; imageId: number; specs: string[] }
  /** Makes the poster of a video that has none, at its poster_seconds (queued at import). */
  'video.poster': { ownerId: number; videoId: number }
  /** Computes an Audio's waveform peaks from its first file, unless stored (queued at import). */
  'audio.peaks': { ownerId: number; audioId: number }
  /** Measures the loudness of an Audio's files not measured yet (queued at import and after encoding). */
  'audio.loudness': { ownerId: number; audioId: number }
  /** Encodes an Audio's episode files from its master (`castdesk audio encode`, the app's button). */
  'audio.encode': {
    ownerId: number
    audioId: number
    formats?: Array<'mp3' | 'm4a' | 'opus' | 'oga'>
    targetLufs?: number
    truePeakDbtp?: number
    cover?: number
  }
}

export type JobKind = keyof JobPayloads

export const JOB_KINDS: readonly JobKind[] = [
  'media.verify',
  'image.renditions',
  'video.poster',
  'audio.peaks',
  'audio.loudness',
  'audio.encode',
]

export type JobOf<K extends JobKind> = { kind: K; payload: JobPayloads[K] }

export type JobOutcome = { status: 'done'; result?: unknown } | { status: 'skipped'; reason: string }

export interface JobContext {
  jobId: number
  /** Reports progress from 0 to 1; cheap to call often. */
  progress(fraction: number): void
}

export type JobHandler<K extends JobKind> = (
  payload: JobPayloads[K],
  context: JobContext,
) => Promise<JobOutcome>

export type JobHandlers = { [K in JobKind]: JobHandler<K> }
