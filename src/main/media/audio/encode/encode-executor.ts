import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { CastdeskError } from '../../../../shared/errors'
import type { AudioFormatName } from '../../../../shared/media'
import { fsyncPath } from '../../../storage/atomic-file'
import { runFfmpeg } from '../../tools/run-ffmpeg'
import type { Chapter } from '../chapters/chapter'
import { serialize as serializeFfmetadata } from '../chapters/ffmetadata.codec'
import { completeId3Chapters, type Id3Picture } from '../chapters/id3-chapters'
import { oggChapterComments } from '../chapters/ogg-chapter-comments'
import { readId3TagBytes } from '../embedded-chapters-reader'
import { hashFile } from '../local-source'
import { parseEbur128Summary } from '../loudness/ebur128-summary.codec'
import { decodeArgs, encodeFilter, encoderArgs } from './encode-args'
import { runEncodePipeline } from './encode-pipeline'
import type { EncodePlan, PlannedOutput } from './encode-plan'
import { probeEncoderShifts } from './encoder-shift-probe'
import { writeMp4WithCover } from './mp4-cover-writer'
import { writeOggWithCover } from './ogg-cover-writer'

export interface EncodeRunInput {
  ffmpeg: string
  source: string
  label: string
  durationMs: number
  plan: EncodePlan
  targetLufs: number
  cover: string | null
  /** Valid, ascending chapters with ASCII links. */
  chapters: readonly Chapter[]
  /** Pictures of chapters (by start) embedded in the MP3's CHAP frames. */
  chapterPictures: ReadonlyMap<number, Id3Picture>
  tags: Readonly<Record<string, string>>
  /** Per-format level corrections; without them, they are measured on an excerpt (see encoder-shift-probe). */
  trims?: Partial<Record<AudioFormatName, number>>
  /** A gain already calibrated (by a first run): no calibration. */
  fixedGainDb?: number
  workDir: string
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
}

export interface EncodedFile {
  planned: PlannedOutput
  format: AudioFormatName
  path: string
  size: number
  sha256: string
}

export interface EncodeRun {
  files: EncodedFile[]
  /** The gain applied in the end (after the limiter was calibrated). */
  gainDb: number
  /** Extra measuring passes the limiter needed. */
  calibrationPasses: number
  /** The per-format level corrections applied (measured on an excerpt, or given). */
  trims: Partial<Record<AudioFormatName, number>>
}

/** A limited signal within this of the target is left as is; the check after encoding allows 0.5 LU. */
const CALIBRATION_TOLERANCE_LU = 0.15
const MAX_CALIBRATION_PASSES = 4

/**
 * Encodes every planned format from one decode of the source (encoders running side by side, see
 * encode-pipeline) into temporary files in `workDir`,
 * with tags, cover and chapters (MP3: links and pictures in the CHAP frames). A limiter lowers the
 * loudness by an amount only a measurement tells, so with one the gain is first corrected by
 * measuring the filtered audio (no encoding) until it lands on the target. On any failure or
 * cancellation the temporary files are removed.
 */
export async function encodeOutputs(input: EncodeRunInput): Promise<EncodeRun> {
  await mkdir(input.workDir, { recursive: true })
  const base = join(input.workDir, `${process.pid}-${randomUUID()}`)
  const metadataFile = `${base}.ffmeta`
  const written: string[] = []
  const timeoutMs = Math.max(10 * 60_000, input.durationMs * 2)
  try {
    const { gainDb, passes } = await calibrate(input, timeoutMs)
    const filter = encodeFilter(gainDb, input.plan.limiterCeiling, input.plan.layout)
    const trims =
      input.trims ??
      (await probeEncoderShifts({
        ffmpeg: input.ffmpeg,
        source: input.source,
        durationMs: input.durationMs,
        filter,
        outputs: input.plan.outputs,
        workDir: input.workDir,
        signal: input.signal,
      }))
    const richChapters =
      input.chapters.length > 0 && input.plan.outputs.some((o) => o.format === 'mp3' || o.format === 'm4a')
    if (richChapters) {
      await writeFile(
        metadataFile,
        serializeFfmetadata(input.chapters, { durationMs: input.durationMs }),
        'utf8',
      )
    }
    const specs = input.plan.outputs.map((planned) => ({
      planned,
      path: `${base}.${rawOutput(planned.format, input.cover !== null) ? `raw.${planned.extension}` : planned.extension}`,
      tags: input.tags,
      trimDb: trims[planned.format] ?? 0,
      oggComments:
        planned.format === 'oga' || planned.format === 'opus' ? oggChapterComments(input.chapters) : [],
    }))
    written.push(...specs.map((spec) => spec.path))
    const share = passes > 0 ? 0.5 : 0
    await runEncodePipeline({
      ffmpeg: input.ffmpeg,
      decode: decodeArgs(input.source, filter, input.plan.outputs),
      encoders: specs.map((output) =>
        encoderArgs({ output, cover: input.cover, chapters: richChapters ? metadataFile : null }),
      ),
      timeoutMs,
      durationMs: input.durationMs,
      signal: input.signal,
      onProgress: (fraction) => input.onProgress?.(share + fraction * (1 - share)),
    })
    const files: EncodedFile[] = []
    for (const spec of specs) {
      let path = spec.path
      if (spec.planned.format === 'mp3') {
        path = `${base}.mp3`
        written.push(path)
        await completeMp3Tag(spec.path, path, input.chapters, input.chapterPictures)
        await rm(spec.path, { force: true })
      } else if (spec.planned.format === 'm4a' && input.cover) {
        path = `${base}.m4a`
        written.push(path)
        await writeMp4WithCover(spec.path, path, input.cover)
        await rm(spec.path, { force: true })
      } else if (input.cover) {
        path = `${base}.${spec.planned.extension}`
        written.push(path)
        await writeOggWithCover(spec.path, path, input.cover)
        await rm(spec.path, { force: true })
      }
      await fsyncPath(path)
      const { size, sha256 } = await hashFile(path)
      files.push({ planned: spec.planned, format: spec.planned.format, path, size, sha256 })
    }
    return { files, gainDb, calibrationPasses: passes, trims }
  } catch (error) {
    await Promise.all(written.map((path) => rm(path, { force: true })))
    throw error
  } finally {
    await rm(metadataFile, { force: true })
  }
}

/** MP3 (ID3 completed), M4A (covr) and Ogg (METADATA_BLOCK_PICTURE) with a cover are written once more after ffmpeg. */
function rawOutput(format: AudioFormatName, cover: boolean): boolean {
  return format === 'mp3' || cover
}

/** The gain that puts the limited audio on the target (plain gain needs no correction). */
async function calibrate(
  input: EncodeRunInput,
  timeoutMs: number,
): Promise<{ gainDb: number; passes: number }> {
  if (input.fixedGainDb !== undefined) return { gainDb: input.fixedGainDb, passes: 0 }
  let gainDb = input.plan.gainDb
  if (input.plan.limiterCeiling === null) return { gainDb, passes: 0 }
  let passes = 0
  for (; passes < MAX_CALIBRATION_PASSES; passes++) {
    const filter = `${encodeFilter(gainDb, input.plan.limiterCeiling, input.plan.layout)},ebur128=framelog=verbose`
    const log = await runFfmpeg(
      input.ffmpeg,
      ['-v', 'info', '-i', input.source, '-map', '0:a:0', '-af', filter, '-f', 'null', '-'],
      {
        timeoutMs,
        durationMs: input.durationMs,
        signal: input.signal,
        onProgress: (fraction) => input.onProgress?.(((passes + fraction) / MAX_CALIBRATION_PASSES) * 0.5),
      },
    )
    const measured = parseEbur128Summary(log)?.integrated_lufs
    if (measured === null || measured === undefined) {
      throw new CastdeskError('tool_failed', `ffmpeg printed no loudness while normalizing ${input.label}.`)
    }
    const off = input.targetLufs - measured
    if (Math.abs(off) <= CALIBRATION_TOLERANCE_LU) return { gainDb, passes: passes + 1 }
    gainDb = Math.round((gainDb + off) * 100) / 100
  }
  return { gainDb, passes }
}

/** The MP3's ID3 tag with chapter links (WXXX), chapter pictures (APIC) and a table of contents. */
async function completeMp3Tag(
  raw: string,
  output: string,
  chapters: readonly Chapter[],
  pictures: ReadonlyMap<number, Id3Picture>,
): Promise<void> {
  const tag = chapters.length > 0 ? await readId3TagBytes(raw) : null
  const out = createWriteStream(output, { flags: 'wx' })
  if (!tag) {
    await pipeline(createReadStream(raw), out)
    return
  }
  const links = new Map(chapters.map((chapter) => [chapter.startMs, chapter.link]))
  const completed = completeId3Chapters(
    tag,
    (startMs) => links.get(startMs) ?? null,
    (startMs) => pictures.get(startMs) ?? null,
  )
  out.write(completed)
  await pipeline(createReadStream(raw, { start: tag.length }), out)
}
