import { CastdeskError } from '../../../../shared/errors'
import type { LoudnessInfo } from '../../../../shared/media'
import { runFfmpeg } from '../../tools/run-ffmpeg'
import { parseEbur128Summary } from './ebur128-summary.codec'
import { parseTruePeak, TRUE_PEAK_FILTER } from './true-peak.codec'

/** ffmpeg decodes and meters far faster than real time; this only bounds a hung process (10 h of audio). */
export const LOUDNESS_TIMEOUT_MS = 60 * 60_000

export interface MeasureOptions {
  label: string
  durationMs?: number | null
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
  /** Filters applied before metering (a downmix: the loudness of what will be encoded). */
  preFilter?: string
  /**
   * `oversampled`: the true peak from one interpolation to 192 kHz beside the loudness meter (see
   * true-peak.codec), about a fifth less CPU than with ebur128's; for files near full scale, such as new
   * encodes (16-bit reading: on a very quiet file its last digit is coarse). Default: ebur128's.
   */
  truePeak?: 'ebur128' | 'oversampled'
}

/** The arguments of a measuring run: loudness by ebur128, the true peak by it or beside it. */
export function loudnessArgs(
  path: string,
  options: Pick<MeasureOptions, 'preFilter' | 'truePeak'>,
): string[] {
  const pre = options.preFilter ? `${options.preFilter},` : ''
  const head = ['-v', 'info', '-i', path]
  if (options.truePeak === 'oversampled') {
    const graph = `[0:a:0]${pre}asplit=2[l][p];[l]ebur128=framelog=verbose[m];[p]${TRUE_PEAK_FILTER}[t]`
    return [...head, '-filter_complex', graph, '-map', '[m]', '-map', '[t]', '-f', 'null', '-']
  }
  return [...head, '-map', '0:a:0', '-af', `${pre}ebur128=peak=true:framelog=verbose`, '-f', 'null', '-']
}

/** EBU R128 integrated loudness, true peak and loudness range of a file's first audio stream. */
export async function measureLoudness(
  ffmpeg: string,
  path: string,
  options: MeasureOptions,
): Promise<LoudnessInfo> {
  let log: string
  try {
    log = await runFfmpeg(ffmpeg, loudnessArgs(path, options), {
      timeoutMs: LOUDNESS_TIMEOUT_MS,
      durationMs: options.durationMs,
      onProgress: options.onProgress,
      signal: options.signal,
    })
  } catch (error) {
    if (error instanceof CastdeskError && error.code === 'tool_failed') {
      throw new CastdeskError(
        'corrupt_media',
        `The loudness of ${options.label} could not be measured: it could not be decoded (${error.message}). Replace it with a good copy.`,
        { cause: error },
      )
    }
    throw error
  }
  const loudness = withTruePeak(parseEbur128Summary(log), log, options.truePeak)
  if (!loudness) {
    throw new CastdeskError(
      'tool_failed',
      `ffmpeg measured ${options.label} but printed no loudness summary. Set FFMPEG_PATH to a newer ffmpeg.`,
    )
  }
  return loudness
}

function withTruePeak(
  loudness: LoudnessInfo | null,
  log: string,
  mode: MeasureOptions['truePeak'],
): LoudnessInfo | null {
  if (!loudness || mode !== 'oversampled') return loudness
  const peak = parseTruePeak(log)
  if (peak === undefined) return null
  if (loudness.silent || peak === null) {
    return { integrated_lufs: null, true_peak_dbtp: null, lra_lu: null, silent: true }
  }
  return { ...loudness, true_peak_dbtp: peak }
}
