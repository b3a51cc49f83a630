import { rm } from 'node:fs/promises'
import type { AudioEncodeResult } from '../../../shared/api/audio.api'
import type { AudioEncodingConfig } from '../../../shared/config-schema'
import { CastdeskError } from '../../../shared/errors'
import type { AudioFormatName, LoudnessInfo } from '../../../shared/media'
import type { JobsRepository } from '../../jobs/jobs.repository'
import type { Chapter } from '../../media/audio/chapters/chapter'
import { encodeOutputs } from '../../media/audio/encode/encode-executor'
import { changesLayout, layoutFilter, planEncode } from '../../media/audio/encode/encode-plan'
import { measureEncoded, verifyEncoded } from '../../media/audio/encode/encode-verifier'
import { localSource } from '../../media/audio/local-source'
import { measureLoudness } from '../../media/audio/loudness/loudness-executor'
import type { Storage } from '../../storage/storage'
import { safeStem } from '../../storage/storage-keys'
import { type Clock, isoNow } from '../clock'
import type { Db } from '../database'
import type {
  AudioFileRecord,
  AudioRecord,
  AudioRepository,
  MasterRecord,
} from '../repositories/audio.repository'
import type { AudioEncodeContextRepository } from '../repositories/audio-encode-context.repository'
import type { AudioLoudnessRepository } from '../repositories/audio-loudness.repository'
import type { BlobsRepository } from '../repositories/blobs.repository'
import type { AudioService } from './audio.service'
import type { AudioChaptersService } from './audio-chapters.service'
import { commitEncodedFiles } from './audio-encode-commit'
import { prepareEncodeInputs } from './audio-encode-inputs'
import type { AudioLoudnessService } from './audio-loudness.service'
import type { AudioPeaksService } from './audio-peaks.service'

export interface AudioEncodeDeps {
  db: Db
  audios: AudioService
  audioRows: AudioRepository
  blobs: BlobsRepository
  chapters: AudioChaptersService
  loudness: AudioLoudnessService
  loudnessRows: AudioLoudnessRepository
  peaks: AudioPeaksService
  lookups: AudioEncodeContextRepository
  jobs: JobsRepository
  storage: Storage
  clock: Clock
  stagingDir: string
  config: AudioEncodingConfig
  /** How many outputs are verified at once (the job concurrency). */
  concurrency: number
  tools: () => { ffmpeg: string; ffprobe: string }
}

export interface EncodeOptions {
  formats?: AudioFormatName[]
  targetLufs?: number
  truePeakDbtp?: number
  cover?: number
}

export interface EncodeProgress {
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
}

/** Bit rate ranks for picking the best existing file when an Audio has no master. */
const LOSSY_RANK: Record<AudioFormatName, number> = { oga: 1.3, opus: 1.6, m4a: 1.2, mp3: 1 }

/**
 * Episode files from an Audio's master: measured, normalized to the target loudness under the peak
 * limit, encoded once per format from one decode, tagged with cover and chapters, verified, and only
 * then made the Audio's files. A failed check or a cancellation leaves the Audio as it was.
 */
export class AudioEncodeService {
  private readonly running = new Map<number, AbortController>()

  constructor(private readonly deps: AudioEncodeDeps) {}

  async encode(
    ownerId: number,
    id: number,
    options: EncodeOptions,
    progress: EncodeProgress = {},
  ): Promise<AudioEncodeResult> {
    const { deps } = this
    if (this.running.has(id)) {
      throw new CastdeskError(
        'invalid_input',
        `Audio ${id} is being encoded already; wait for it or cancel it.`,
      )
    }
    const controller = new AbortController()
    const stopOuter = () => controller.abort()
    progress.signal?.addEventListener('abort', stopOuter, { once: true })
    if (progress.signal?.aborted) controller.abort()
    this.running.set(id, controller)
    const report = (from: number, to: number) => (fraction: number) =>
      progress.onProgress?.(from + (to - from) * Math.min(1, Math.max(0, fraction)))
    try {
      const audio = deps.audios.audio(ownerId, id)
      const source = this.source(audio)
      const request = {
        formats: options.formats ?? deps.config.formats,
        targetLufs: options.targetLufs ?? deps.config.targetLufs,
        truePeakDbtp: options.truePeakDbtp ?? deps.config.truePeakDbtp,
      }
      const chapters = deps.chapters.validChapters(audio).map(withAsciiLink)
      const local = await localSource(deps.storage, source.record.key, deps.stagingDir)
      try {
        const loudness = changesLayout(source.channels, deps.config)
          ? await measureLoudness(deps.tools().ffmpeg, local.path, {
              label: source.label,
              durationMs: source.durationMs,
              signal: controller.signal,
              onProgress: report(0, 0.1),
              preFilter: layoutFilter(source.channels, deps.config),
            })
          : await this.sourceLoudness(
              source.record,
              local.path,
              source.durationMs,
              controller.signal,
              report(0, 0.1),
            )
        if (loudness.silent || loudness.integrated_lufs === null || loudness.true_peak_dbtp === null) {
          throw new CastdeskError(
            'silent_audio',
            `${source.label} is digital silence: there is nothing to normalize. Check that the right file was imported as the master.`,
          )
        }
        const plan = planEncode(
          {
            sampleRate: source.sampleRate,
            channels: source.channels,
            integratedLufs: loudness.integrated_lufs,
            truePeakDbtp: loudness.true_peak_dbtp,
            lossy: !source.isMaster,
          },
          request,
          deps.config,
        )
        const inputs = await prepareEncodeInputs({
          audio,
          ownerId,
          context: deps.lookups.context(ownerId, id),
          lookups: deps.lookups,
          storage: deps.storage,
          stagingDir: deps.stagingDir,
          coverId: options.cover,
          chapters,
          year: deps.clock.now().getUTCFullYear(),
        })
        try {
          const tools = deps.tools()
          const common = {
            ffmpeg: tools.ffmpeg,
            source: local.path,
            label: source.label,
            durationMs: source.durationMs,
            targetLufs: request.targetLufs,
            cover: inputs.cover?.path ?? null,
            chapters,
            chapterPictures: inputs.chapterPictures,
            tags: inputs.tags,
            workDir: deps.stagingDir,
            signal: controller.signal,
          }
          const run = await encodeOutputs({ ...common, plan, onProgress: report(0.1, 0.6) })
          const made = [...run.files]
          try {
            const measuring = {
              ffmpeg: tools.ffmpeg,
              durationMs: source.durationMs,
              concurrency: deps.concurrency,
              signal: controller.signal,
            }
            const measured = await measureEncoded(measuring, run.files)
            report(0.6, 1)(0.25)
            const trims = encoderTrims(measured, request.targetLufs, request.truePeakDbtp)
            let files = run.files
            if (Object.keys(trims).length > 0) {
              const again = await encodeOutputs({
                ...common,
                plan: { ...plan, outputs: plan.outputs.filter((o) => trims[o.format] !== undefined) },
                trims: Object.fromEntries(
                  Object.entries(trims).map(([format, trim]) => [
                    format,
                    Math.round(((run.trims[format as AudioFormatName] ?? 0) + trim) * 100) / 100,
                  ]),
                ),
                fixedGainDb: run.gainDb,
                onProgress: report(0.7, 0.85),
              })
              made.push(...again.files)
              for (const [file, loudness] of await measureEncoded(measuring, again.files))
                measured.set(file, loudness)
              files = run.files.map((file) => again.files.find((f) => f.format === file.format) ?? file)
            }
            const verified = await verifyEncoded(
              {
                ...tools,
                files,
                targetLufs: request.targetLufs,
                truePeakDbtp: request.truePeakDbtp,
                durationMs: source.durationMs,
                chapters,
                pictureStarts: new Set(inputs.chapterPictures.keys()),
                concurrency: deps.concurrency,
                signal: controller.signal,
              },
              measured,
            )
            report(0.8, 1)(0.9)
            if (controller.signal.aborted)
              throw new CastdeskError('cancelled', 'Stopped on request; nothing was changed.')
            const stored = await commitEncodedFiles(
              { ...deps, loudness: deps.loudnessRows },
              { ownerId, audioId: id, stem: source.stem, durationMs: source.durationMs },
              files.map((file) => ({ file, loudness: verified.get(file) as LoudnessInfo })),
            )
            deps.peaks.enqueue(ownerId, id)
            report(0.8, 1)(1)
            return {
              id,
              source: source.format,
              source_is_master: source.isMaster,
              target_lufs: request.targetLufs,
              true_peak_dbtp: request.truePeakDbtp,
              method: plan.method,
              gain_db: run.gainDb,
              files: stored,
              cover_image_id: inputs.cover?.imageId ?? null,
              chapters: chapters.length,
              chapter_pictures: inputs.chapterPictures.size,
              warnings: plan.warnings,
            }
          } finally {
            await Promise.all(made.map((file) => rm(file.path, { force: true })))
          }
        } finally {
          await inputs.cleanup()
        }
      } finally {
        await local.cleanup()
      }
    } finally {
      progress.signal?.removeEventListener('abort', stopOuter)
      this.running.delete(id)
    }
  }

  /** Queues an encode as a background job (one per Audio at a time). */
  queue(ownerId: number, id: number, options: EncodeOptions): { id: number; job_id: number } {
    const audio = this.deps.audios.audio(ownerId, id)
    this.source(audio)
    const jobId = this.deps.jobs.enqueue(
      'audio.encode',
      { ownerId, audioId: id, ...options },
      isoNow(this.deps.clock),
      { dedupeKey: `audio.encode:${id}`, ownerId, maxAttempts: 1 },
    )
    return { id, job_id: jobId }
  }

  /** Stops the Audio's encode: here at once, in another process at its next progress report. */
  cancel(ownerId: number, id: number): { id: number; cancelled: boolean } {
    this.deps.audios.audio(ownerId, id)
    const asked = this.deps.jobs.requestCancel(ownerId, 'audio.encode', id, isoNow(this.deps.clock))
    const controller = this.running.get(id)
    controller?.abort()
    return { id, cancelled: asked > 0 || controller !== undefined }
  }

  private source(audio: AudioRecord) {
    const master = audio.master
    if (master) return masterSource(master)
    const best = [...audio.files].sort((a, b) => rank(b) - rank(a))[0]
    if (!best) {
      throw new CastdeskError(
        'not_found',
        `Audio ${audio.id} has no master and no file to encode from. Import the WAV or FLAC recording with the same name.`,
      )
    }
    if (!audio.durationMs) {
      throw new CastdeskError(
        'corrupt_media',
        `The duration of audio ${audio.id} is unknown; add its file again.`,
      )
    }
    return {
      record: best as AudioFileRecord | MasterRecord,
      format: best.format as AudioFormatName,
      isMaster: false,
      label: best.originalName ?? best.key,
      stem: stemOf(best.originalName ?? best.key),
      durationMs: audio.durationMs,
      // Not known without a probe; a lossy podcast file is 44.1 or 48 kHz, and stereo keeps it as is.
      sampleRate: 44100,
      channels: 2,
    }
  }

  private async sourceLoudness(
    record: { blobId: number; loudness: LoudnessInfo | null; originalName: string | null; key: string },
    path: string,
    durationMs: number,
    signal: AbortSignal,
    onProgress: (fraction: number) => void,
  ): Promise<LoudnessInfo> {
    if (record.loudness) return record.loudness
    const measured = await this.deps.loudness.measureFile(
      path,
      record.originalName ?? record.key,
      durationMs,
      {
        signal,
        onProgress,
      },
    )
    this.deps.loudness.record(record.blobId, measured)
    return measured
  }
}

function masterSource(master: MasterRecord) {
  if (!master.durationMs) {
    throw new CastdeskError(
      'corrupt_media',
      `The master ${master.originalName ?? master.key} holds no audio.`,
    )
  }
  return {
    record: master as AudioFileRecord | MasterRecord,
    format: master.format,
    isMaster: true,
    label: master.originalName ?? master.key,
    stem: stemOf(master.originalName ?? master.key),
    durationMs: master.durationMs,
    sampleRate: master.sampleRate,
    channels: master.channels,
  }
}

/**
 * An encoder may move the loudness a little (LAME at 128 kb/s takes some 0.4 LU) and overshoot the
 * peak (Opus on heavily limited audio): a second run of that format corrects its level. Within this
 * of the target (the check allows 0.5 LU) a file is left as it is.
 */
const TRIM_THRESHOLD_LU = 0.4
const MAX_TRIM_LU = 3
/** A peak correction aims this far under the limit. */
const PEAK_MARGIN_DB = 0.1

function encoderTrims(
  measured: ReadonlyMap<{ format: AudioFormatName }, LoudnessInfo>,
  target: number,
  peakLimit: number,
) {
  const trims: Partial<Record<AudioFormatName, number>> = {}
  for (const [file, loudness] of measured) {
    if (loudness.integrated_lufs === null || loudness.true_peak_dbtp === null) continue
    const off = target - loudness.integrated_lufs
    const peakOver = loudness.true_peak_dbtp > peakLimit
    if (Math.abs(off) <= TRIM_THRESHOLD_LU && !peakOver) continue
    const trim = Math.min(off, peakLimit - PEAK_MARGIN_DB - loudness.true_peak_dbtp)
    if (Math.abs(trim) <= MAX_TRIM_LU) trims[file.format] = Math.round(trim * 100) / 100
  }
  return trims
}

function rank(file: AudioFileRecord): number {
  return file.size * LOSSY_RANK[file.format]
}

function stemOf(name: string): string {
  const base = name.split('/').at(-1) ?? name
  const dot = base.lastIndexOf('.')
  return safeStem(dot > 0 ? base.slice(0, dot) : base)
}

function withAsciiLink(chapter: Chapter): Chapter {
  return { ...chapter, link: chapter.link === null ? null : new URL(chapter.link).href }
}
