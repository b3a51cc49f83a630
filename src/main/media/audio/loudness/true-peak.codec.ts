/**
 * True peak per ITU-R BS.1770 (Annex 2) without ebur128's own meter, which in the bundled ffmpeg
 * (4.1) first resamples everything to 48 kHz and then interpolates to 192 kHz in double precision,
 * twice the work of the loudness itself. Here the audio is interpolated once to 192 kHz (at least 4×
 * for rates up to 48 kHz, with the same swresample interpolator), lowered by exactly 6 dB so peaks up
 * to +6 dBTP stay below full scale, and its largest sample read by `volumedetect` (16-bit: a step of
 * 0.0005 dB at -1 dBTP, far below the 0.1 dB ffmpeg prints). A peak at or above +6 dBTP reads as +6,
 * above any limit the check allows (at most 0 dBTP).
 */

export const TRUE_PEAK_RATE = 192_000
const HEADROOM_DB = 6
/** volumedetect's reading of a signal with no non-zero sample. */
const SILENT_DB = -91

/** The filter chain that ends in the measurement (after the audio's own filters). */
export const TRUE_PEAK_FILTER = `volume=-${HEADROOM_DB}dB,aresample=${TRUE_PEAK_RATE},aformat=sample_fmts=s16,volumedetect`

/**
 * The true peak in dBTP from the log of a run with {@link TRUE_PEAK_FILTER}: null for digital
 * silence, undefined when the log holds no reading.
 */
export function parseTruePeak(text: string): number | null | undefined {
  const matches = [...text.matchAll(/\bmax_volume:\s*(-?inf|-?[\d.]+)\s*dB/g)]
  const value = matches.at(-1)?.[1]
  if (value === undefined) return undefined
  if (/inf$/.test(value)) return null
  const db = Number(value)
  if (!Number.isFinite(db)) return undefined
  if (db <= SILENT_DB) return null
  return Math.round((db + HEADROOM_DB) * 10) / 10
}
