import type { LoudnessInfo } from '../../../../shared/media'

/** The scale of the bar: -36 to -6 LUFS. */
const FLOOR = -36
const CEILING = -6
const BAND_LU = 1

const at = (lufs: number) =>
  `${(100 * (Math.min(CEILING, Math.max(FLOOR, lufs)) - FLOOR)) / (CEILING - FLOOR)}%`

/** A file's integrated loudness on a bar with the target band (green inside ±1 LU). */
export function LoudnessMeter({ loudness, target }: { loudness: LoudnessInfo | null; target: number }) {
  if (!loudness) return <span className="muted">measuring…</span>
  if (loudness.silent || loudness.integrated_lufs === null)
    return <span className="error">digital silence</span>
  const lufs = loudness.integrated_lufs
  const onTarget = Math.abs(lufs - target) <= BAND_LU
  return (
    <span className="loudness" data-on-target={onTarget}>
      <span className="loudness-bar" aria-hidden="true">
        <span
          className="loudness-band"
          style={{
            left: at(target - BAND_LU),
            width: `calc(${at(target + BAND_LU)} - ${at(target - BAND_LU)})`,
          }}
        />
        <span className={`loudness-mark ${onTarget ? 'on' : 'off'}`} style={{ left: at(lufs) }} />
      </span>
      <span className="loudness-text">
        <strong>{lufs.toFixed(1)} LUFS</strong>
        <span>
          TP {loudness.true_peak_dbtp?.toFixed(1)} dBTP · LRA {loudness.lra_lu?.toFixed(1)} LU
        </span>
      </span>
    </span>
  )
}
