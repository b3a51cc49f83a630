import type { LoudnessInfo } from '../../../../shared/media'

/** Below this, ffmpeg's ebur128 reports its absolute gate: no block was loud enough to count. */
const ABSOLUTE_GATE_LUFS = -70

/**
 * The loudness in the summary ffmpeg's `ebur128=peak=true` filter prints when its input ends
 * (integrated loudness, loudness range, true peak). Digital silence reads as `silent` with null
 * numbers: its peak is `-inf` and its loudness the gate, neither a number to compute with.
 * Returns null when the text holds no complete summary.
 */
export function parseEbur128Summary(text: string): LoudnessInfo | null {
  const at = text.lastIndexOf('Summary:')
  if (at === -1) return null
  const summary = text.slice(at)
  const integrated = number(/\bI:\s*(-?inf|-?[\d.]+)\s*LUFS/.exec(summary)?.[1])
  const range = number(/\bLRA:\s*(-?inf|-?[\d.]+)\s*LU\b/.exec(summary)?.[1])
  if (integrated === undefined || range === undefined) return null
  // Only printed with peak=true; a measurement without it still has the loudness.
  const peakText = /\bPeak:\s*(-?inf|-?[\d.]+)\s*dBFS/.exec(summary)?.[1]
  const peak = peakText === undefined ? undefined : number(peakText)
  const silent = peak === null || integrated === null || integrated <= ABSOLUTE_GATE_LUFS
  if (silent) return { integrated_lufs: null, true_peak_dbtp: null, lra_lu: null, silent: true }
  return { integrated_lufs: integrated, true_peak_dbtp: peak ?? null, lra_lu: range, silent: false }
}

/** A number as ffmpeg prints it; `inf`/`-inf` are null; undefined when absent or not a number. */
function number(value: string | undefined): number | null | undefined {
  if (value === undefined) return undefined
  if (/inf$/.test(value)) return null
  const parsed = Number(value)
  return Number.isFinite(parsed) ? parsed : undefined
}
