import { CastdeskError } from '../../../../shared/errors'
import { childProcess } from '../../../platform/builtins'
import { PEAKS_SAMPLE_RATE, PeakAccumulator, SAMPLES_PER_PEAK } from './waveform-peaks'

export interface PeaksOptions {
  sampleRate?: number
  samplesPerPeak?: number
  /** Default 10 minutes: decoding a 60-minute MP3 takes a few seconds. */
  timeoutMs?: number
  /** The file's name as the user knows it, for messages. */
  label?: string
}

export const PEAKS_TIMEOUT_MS = 10 * 60_000

/**
 * Decodes the first audio stream with ffmpeg, downmixed to mono and resampled to a low rate, and
 * reduces the PCM stream to min/max pairs as it arrives (a 60-minute file never sits in memory).
 */
export function computePeaks(
  ffmpegPath: string,
  file: string,
  options: PeaksOptions = {},
): Promise<Int8Array> {
  const sampleRate = options.sampleRate ?? PEAKS_SAMPLE_RATE
  const accumulator = new PeakAccumulator(options.samplesPerPeak ?? SAMPLES_PER_PEAK)
  const timeoutMs = options.timeoutMs ?? PEAKS_TIMEOUT_MS
  const label = options.label ?? file
  const args = ['-v', 'error', '-nostdin', '-i', file, '-map', '0:a:0', '-ac', '1', '-ar', String(sampleRate)]
  args.push('-f', 's16le', '-acodec', 'pcm_s16le', 'pipe:1')
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn(ffmpegPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      windowsHide: true,
    })
    const stderr: Buffer[] = []
    let failure: CastdeskError | null = null
    const timer = setTimeout(() => {
      failure = new CastdeskError(
        'tool_timeout',
        `Computing the waveform of ${label} took longer than ${timeoutMs / 1000} s. Try again; if it keeps failing, re-export the file.`,
      )
      child.kill('SIGKILL')
    }, timeoutMs)
    child.stdout.on('data', (chunk: Buffer) => accumulator.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 64) stderr.push(chunk)
    })
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      const code = error.code === 'ENOENT' || error.code === 'EACCES' ? 'tool_missing' : 'tool_failed'
      reject(new CastdeskError(code, `Could not run ${ffmpegPath}: ${error.message}`, { cause: error }))
    })
    child.on('close', (exitCode) => {
      clearTimeout(timer)
      if (failure) return reject(failure)
      if (exitCode !== 0) {
        const why = Buffer.concat(stderr).toString('utf8').trim().split('\n').at(-1) || `exit ${exitCode}`
        return reject(
          new CastdeskError(
            'tool_failed',
            `ffmpeg could not decode ${label} to draw its waveform (${why}). Re-export the file and replace it.`,
          ),
        )
      }
      resolve(accumulator.finish())
    })
  })
}
