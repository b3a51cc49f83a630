import pLimit from 'p-limit'
import { CastdeskError } from '../../../../shared/errors'
import type { LoudnessInfo } from '../../../../shared/media'
import { secondsToMs } from '../../tools/ffprobe'
import type { Chapter } from '../chapters/chapter'
import { chapterDifference } from '../chapters/chapter-diff'
import { id3ChapterPictures } from '../chapters/id3-chapters'
import { readEmbeddedChapters, readId3TagBytes } from '../embedded-chapters-reader'
import { measureLoudness } from '../loudness/loudness-executor'
import type { EncodedFile } from './encode-executor'

export interface VerifyInput {
  ffmpeg: string
  ffprobe: string
  files: readonly EncodedFile[]
  targetLufs: number
  truePeakDbtp: number
  durationMs: number
  chapters: readonly Chapter[]
  /** Starts of the chapters whose picture went into the MP3. */
  pictureStarts: ReadonlySet<number>
  concurrency: number
  signal?: AbortSignal
}

export const LOUDNESS_TOLERANCE_LU = 0.5
export const TRUE_PEAK_TOLERANCE_DB = 0.1
export const DURATION_TOLERANCE_MS = 100

/**
 * Checks every encoded file before anything is replaced: loudness measured again (within ±0.5 LU of
 * the target, true peak, 4× oversampled per BS.1770, at most 0.1 dB over the limit), duration within 100 ms of the source, and
 * the chapters (with links, and MP3 chapter pictures) read back. Returns each file's loudness; the
 * first file that differs is an error saying what differed.
 */
export async function verifyEncoded(
  input: VerifyInput,
  measured: ReadonlyMap<EncodedFile, LoudnessInfo>,
): Promise<Map<EncodedFile, LoudnessInfo>> {
  const limit = pLimit(Math.max(1, input.concurrency))
  const results = await Promise.all(
    input.files.map((file) => limit(() => verifyOne(input, file, measured.get(file)))),
  )
  return new Map(results)
}

/** The loudness of each encoded file, measured by ffmpeg (several at once). */
export async function measureEncoded(
  input: Pick<VerifyInput, 'ffmpeg' | 'durationMs' | 'concurrency' | 'signal'>,
  files: readonly EncodedFile[],
): Promise<Map<EncodedFile, LoudnessInfo>> {
  const limit = pLimit(Math.max(1, input.concurrency))
  const results = await Promise.all(
    files.map((file) =>
      limit(
        async (): Promise<[EncodedFile, LoudnessInfo]> => [
          file,
          await measureLoudness(input.ffmpeg, file.path, {
            label: `the new ${file.format.toUpperCase()} file`,
            durationMs: input.durationMs,
            signal: input.signal,
            truePeak: 'oversampled',
          }),
        ],
      ),
    ),
  )
  return new Map(results)
}

async function verifyOne(
  input: VerifyInput,
  file: EncodedFile,
  known: LoudnessInfo | undefined,
): Promise<[EncodedFile, LoudnessInfo]> {
  const name = file.format.toUpperCase()
  const fail = (what: string) =>
    new CastdeskError(
      'verification_failed',
      `The new ${name} file did not pass its check (${what}). Nothing was changed; the Audio keeps its files. Try again, or report this with the master.`,
    )
  const loudness =
    known ??
    (await measureLoudness(input.ffmpeg, file.path, {
      label: `the new ${name} file`,
      durationMs: input.durationMs,
      signal: input.signal,
      truePeak: 'oversampled',
    }))
  if (loudness.silent || loudness.integrated_lufs === null || loudness.true_peak_dbtp === null) {
    throw fail('it is silent')
  }
  const off = loudness.integrated_lufs - input.targetLufs
  if (Math.abs(off) > LOUDNESS_TOLERANCE_LU) {
    throw fail(
      `its loudness is ${loudness.integrated_lufs.toFixed(1)} LUFS, ${Math.abs(off).toFixed(1)} LU from the target ${input.targetLufs}`,
    )
  }
  if (loudness.true_peak_dbtp > input.truePeakDbtp + TRUE_PEAK_TOLERANCE_DB) {
    throw fail(
      `its true peak is ${loudness.true_peak_dbtp.toFixed(1)} dBTP, above the limit of ${input.truePeakDbtp}`,
    )
  }
  const embedded = await readEmbeddedChapters(input.ffprobe, file.path, file.format)
  const audio = embedded.probe.streams?.find((s) => s.codec_type === 'audio')
  const durationMs = secondsToMs(embedded.probe.format?.duration) ?? secondsToMs(audio?.duration)
  if (durationMs === null || Math.abs(durationMs - input.durationMs) > DURATION_TOLERANCE_MS) {
    throw fail(`it lasts ${durationMs ?? 'an unknown number of'} ms, the master ${input.durationMs} ms`)
  }
  const difference = chapterDifference(input.chapters, embedded.chapters, {
    links: file.format !== 'm4a',
    firstStartsAtZero: file.format === 'm4a',
  })
  if (difference) throw fail(difference)
  if (file.format === 'mp3' && input.pictureStarts.size > 0) {
    const tag = await readId3TagBytes(file.path)
    const pictures = tag ? id3ChapterPictures(tag) : new Map<number, number>()
    const missing = [...input.pictureStarts].filter((start) => !pictures.has(start))
    if (missing.length > 0) throw fail(`${missing.length} chapter pictures are missing from the ID3 tag`)
  }
  return [file, loudness]
}
