import { CastdeskError } from '../../../../shared/errors'
import type { LoudnessInfo } from '../../../../shared/media'
import { runFfmpeg } from '../../tools/run-ffmpeg'
import { parseEbur128Summary } from './ebur128-summary.codec'

/** ffmpeg decodes and meters far faster than real time; this only bounds a hung process (10 h of audio). */
export const LOUDNESS_TIMEOUT_MS = 60 * 60_000

export interface MeasureOptions {
  label: string
  durationMs?: number | null
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
  /** Filters applied before metering (a downmix: the loudness of what will be encoded). */
  preFilter?: string
}

/** EBU R128 integrated loudness, true peak and loudness range of a file's first audio stream. */
export async function measureLoudness(
  ffmpeg: string,
  path: string,
  options: MeasureOptions,
): Promise<LoudnessInfo> {
  let log: string
  try {
    log = await runFfmpeg(
      ffmpeg,
      [
        '-v',
        'info',
        '-i',
        path,
        '-map',
        '0:a:0',
        '-af',
        'ebur128=peak=true:framelog=verbose',
        '-f',
        'null',
        '-',
      ],
      { timeoutMs: LOUDNESS_TIMEOUT_MS, ...options },
    )
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
  const loudness = parseEbur128Summary(log)
  if (!loudness) {
    throw new CastdeskError(
      'tool_failed',
      `ffmpeg measured ${options.label} but printed no loudness summary. Set FFMPEG_PATH to a newer ffmpeg.`,
    )
  }
  return loudness
}
