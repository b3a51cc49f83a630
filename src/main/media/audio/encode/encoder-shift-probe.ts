import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { AudioFormatName } from '../../../../shared/media'
import { runFfmpeg } from '../../tools/run-ffmpeg'
import { parseEbur128Summary } from '../loudness/ebur128-summary.codec'
import { measureLoudness } from '../loudness/loudness-executor'
import type { PlannedOutput } from './encode-plan'

export interface ShiftProbeInput {
  ffmpeg: string
  source: string
  durationMs: number
  /** The encode's shared filter (layout, gain, limiter). */
  filter: string
  outputs: readonly PlannedOutput[]
  workDir: string
  signal?: AbortSignal
}

export const PROBE_EXCERPT_MS = 30_000
/** Shorter sources are not probed: correcting one of their formats afterwards costs little. */
export const PROBE_MIN_SOURCE_MS = 8 * PROBE_EXCERPT_MS
/** Shifts smaller than this are measurement noise of a short excerpt. */
const MIN_SHIFT_LU = 0.1
const MAX_SHIFT_LU = 1.5

/**
 * How far each encoder moves the loudness of this audio (LAME at 128 kb/s takes some 0.4 LU off),
 * measured on an excerpt from the middle of the source, as the trim that cancels it. The full
 * encode then lands on the target the first time, instead of a format being encoded twice.
 */
export async function probeEncoderShifts(
  input: ShiftProbeInput,
): Promise<Partial<Record<AudioFormatName, number>>> {
  if (input.durationMs < PROBE_MIN_SOURCE_MS || input.outputs.length === 0) return {}
  const base = join(input.workDir, `${process.pid}-${randomUUID()}-probe`)
  const paths = input.outputs.map((output) => `${base}.${output.extension}`)
  const labels = input.outputs.map((_, i) => `[e${i}]`).join('')
  const args = ['-v', 'info', '-y', '-ss', String((input.durationMs - PROBE_EXCERPT_MS) / 2000)]
  args.push('-t', String(PROBE_EXCERPT_MS / 1000), '-i', input.source, '-filter_complex')
  args.push(`[0:a:0]${input.filter},asplit=${paths.length + 1}[r]${labels};[r]ebur128[m]`)
  args.push('-map', '[m]', '-f', 'null', '-')
  input.outputs.forEach((output, i) => {
    args.push('-map', `[e${i}]`, '-ar', String(output.sampleRate), '-ac', String(output.channels))
    args.push(
      ...output.codecArgs,
      '-f',
      output.format === 'mp3' ? 'mp3' : output.format === 'm4a' ? 'ipod' : 'ogg',
    )
    args.push(paths[i] as string)
  })
  try {
    const log = await runFfmpeg(input.ffmpeg, args, { timeoutMs: 5 * 60_000, signal: input.signal })
    const reference = parseEbur128Summary(log)?.integrated_lufs
    if (reference === null || reference === undefined) return {}
    const trims: Partial<Record<AudioFormatName, number>> = {}
    await Promise.all(
      input.outputs.map(async (output, i) => {
        const measured = await measureLoudness(input.ffmpeg, paths[i] as string, {
          label: `an excerpt of the ${output.format.toUpperCase()} file`,
          signal: input.signal,
          truePeak: 'oversampled',
        })
        if (measured.integrated_lufs === null) return
        const shift = measured.integrated_lufs - reference
        if (Math.abs(shift) >= MIN_SHIFT_LU && Math.abs(shift) <= MAX_SHIFT_LU)
          trims[output.format] = Math.round(-shift * 100) / 100
      }),
    )
    return trims
  } finally {
    await Promise.all(paths.map((path) => rm(path, { force: true })))
  }
}
