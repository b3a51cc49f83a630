import type { AudioLoudness } from '../../../shared/api/audio.api'
import type { LoudnessInfo } from '../../../shared/media'
import type { JobsRepository } from '../../jobs/jobs.repository'
import { localSource } from '../../media/audio/local-source'
import { measureLoudness } from '../../media/audio/loudness/loudness-executor'
import type { Storage } from '../../storage/storage'
import { type Clock, isoNow } from '../clock'
import type { AudioLoudnessRepository } from '../repositories/audio-loudness.repository'
import type { AudioService } from './audio.service'

export interface AudioLoudnessDeps {
  audios: AudioService
  loudness: AudioLoudnessRepository
  jobs: JobsRepository
  storage: Storage
  clock: Clock
  stagingDir: string
  ffmpegPath: () => string
  targetLufs: () => number
}

export interface MeasureProgress {
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
}

/**
 * EBU R128 loudness of every audio file of an Audio (master and delivery files), measured once per
 * stored file by ffmpeg and kept with it; a replaced file is measured again. Import and encoding
 * queue the measurement as a background job.
 */
export class AudioLoudnessService {
  private readonly inFlight = new Map<number, Promise<void>>()

  constructor(private readonly deps: AudioLoudnessDeps) {}

  /** The Audio's loudness per file, measuring now the files not measured yet. */
  async loudness(ownerId: number, id: number, progress: MeasureProgress = {}): Promise<AudioLoudness> {
    await this.ensure(ownerId, id, progress)
    const audio = this.deps.audios.audio(ownerId, id)
    return {
      id,
      target_lufs: this.deps.targetLufs(),
      master: audio.master ? { format: audio.master.format, loudness: audio.master.loudness } : null,
      files: audio.files.map((file) => ({ format: file.format, loudness: file.loudness })),
    }
  }

  /** Measures the Audio's files that have no loudness yet (one at a time: each is a full decode). */
  ensure(ownerId: number, id: number, progress: MeasureProgress = {}): Promise<void> {
    const running = this.inFlight.get(id)
    if (running) return running
    const work = this.measureMissing(ownerId, id, progress).finally(() => this.inFlight.delete(id))
    this.inFlight.set(id, work)
    return work
  }

  /** Queues the measurement of a just-imported Audio. */
  queue(id: number): void {
    const ownerId = this.deps.audios.ownerOf(id)
    if (ownerId !== null) this.enqueue(ownerId, id)
  }

  enqueue(ownerId: number, id: number): void {
    this.deps.jobs.enqueue('audio.loudness', { ownerId, audioId: id }, isoNow(this.deps.clock), {
      dedupeKey: `audio.loudness:${id}`,
      ownerId,
    })
  }

  /** Measures one local file (a master being encoded, an output being verified). */
  measureFile(path: string, label: string, durationMs: number | null, progress: MeasureProgress = {}) {
    return measureLoudness(this.deps.ffmpegPath(), path, { label, durationMs, ...progress })
  }

  /** Records a loudness measured elsewhere (an encoded file verified before it was stored). */
  record(blobId: number, loudness: LoudnessInfo): void {
    this.deps.loudness.save(blobId, loudness, isoNow(this.deps.clock))
  }

  private async measureMissing(ownerId: number, id: number, progress: MeasureProgress): Promise<void> {
    const { deps } = this
    const audio = deps.audios.audio(ownerId, id)
    const missing = deps.loudness.unmeasured(audio.id)
    for (const [index, blob] of missing.entries()) {
      const local = await localSource(deps.storage, blob.key, deps.stagingDir)
      try {
        const durationMs = audio.master?.blobId === blob.blobId ? audio.master.durationMs : audio.durationMs
        const loudness = await this.measureFile(local.path, blob.label, durationMs, {
          signal: progress.signal,
          onProgress: (fraction) => progress.onProgress?.((index + fraction) / missing.length),
        })
        deps.loudness.save(blob.blobId, loudness, isoNow(deps.clock))
      } finally {
        await local.cleanup()
      }
    }
    progress.onProgress?.(1)
  }
}
