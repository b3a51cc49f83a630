import type { AudioPeaks } from '../../../shared/api/audio.api'
import type { JobsRepository } from '../../jobs/jobs.repository'
import { localSource } from '../../media/audio/local-source'
import { computePeaks } from '../../media/audio/peaks/peaks-executor'
import { PEAKS_SAMPLE_RATE, SAMPLES_PER_PEAK, waveformPeaks } from '../../media/audio/peaks/waveform-peaks'
import type { Storage } from '../../storage/storage'
import { type Clock, isoNow } from '../clock'
import type { AudioPeaksRepository, StoredPeaks } from '../repositories/audio-peaks.repository'
import type { AudioService } from './audio.service'

export interface AudioPeaksDeps {
  audios: AudioService
  peaks: AudioPeaksRepository
  jobs: JobsRepository
  storage: Storage
  clock: Clock
  stagingDir: string
  ffmpegPath: () => string
}

/**
 * Waveform peaks of an Audio, computed once from its first file (mp3, m4a, oga, opus order; else its
 * master) and kept in the library; computed again only when that file is replaced (so an encode
 * moves them from the master to the new MP3). Import queues them as a job.
 */
export class AudioPeaksService {
  private readonly inFlight = new Map<number, Promise<{ stored: StoredPeaks; computed: boolean }>>()

  constructor(private readonly deps: AudioPeaksDeps) {}

  async peaks(ownerId: number, id: number): Promise<AudioPeaks> {
    const { stored } = await this.ensure(ownerId, id)
    return {
      id,
      format: stored.format,
      ...waveformPeaks(stored.data, stored.sampleRate, stored.samplesPerPeak),
    }
  }

  /** The stored peaks, computing them first when missing or made from a file since replaced. */
  ensure(ownerId: number, id: number): Promise<{ stored: StoredPeaks; computed: boolean }> {
    const running = this.inFlight.get(id)
    if (running) return running
    const work = this.compute(ownerId, id).finally(() => this.inFlight.delete(id))
    this.inFlight.set(id, work)
    return work
  }

  /** Queues the peaks of a just-imported Audio as a background job. */
  queue(id: number): void {
    const ownerId = this.deps.audios.ownerOf(id)
    if (ownerId !== null) this.enqueue(ownerId, id)
  }

  /** Queues the peaks of an Audio as a background job (once per Audio until it has run). */
  enqueue(ownerId: number, id: number): void {
    this.deps.jobs.enqueue('audio.peaks', { ownerId, audioId: id }, isoNow(this.deps.clock), {
      dedupeKey: `audio.peaks:${id}`,
      ownerId,
    })
  }

  private async compute(ownerId: number, id: number): Promise<{ stored: StoredPeaks; computed: boolean }> {
    const { deps } = this
    const audio = deps.audios.audio(ownerId, id)
    // An Audio with only a master (encode not run yet) shows the master's waveform.
    const file = audio.files[0] ?? audio.master ?? deps.audios.firstFile(audio)
    const existing = deps.peaks.find(id)
    if (existing && existing.blobId === file.blobId) return { stored: existing, computed: false }
    const local = await localSource(deps.storage, file.key, deps.stagingDir)
    try {
      const data = await computePeaks(deps.ffmpegPath(), local.path, {
        sampleRate: PEAKS_SAMPLE_RATE,
        samplesPerPeak: SAMPLES_PER_PEAK,
        label: file.originalName ?? file.key,
      })
      const peaks = {
        audioId: id,
        blobId: file.blobId,
        format: file.format,
        sampleRate: PEAKS_SAMPLE_RATE,
        samplesPerPeak: SAMPLES_PER_PEAK,
        data,
      }
      const now = isoNow(deps.clock)
      deps.peaks.save(peaks, now)
      return { stored: { ...peaks, created: now }, computed: true }
    } finally {
      await local.cleanup()
    }
  }
}
