import type { Command } from 'commander'
import type { AudioLoudness } from '../../../shared/api/audio.api'
import type { LoudnessInfo } from '../../../shared/media'
import { type GlobalOptions, withSession } from '../cli-context'
import { printJson, printLines } from '../output'
import { parseId } from '../parse-args'
import { progressReporter } from '../progress'

/** `audio loudness` and `audio encode`: measuring and making episode files from a master. */
export function registerAudioMasteringCommands(audio: Command, globals: () => GlobalOptions): void {
  audio
    .command('loudness')
    .description(
      'EBU R128 loudness (LUFS, true peak, loudness range) of every file of an Audio; measured now if missing',
    )
    .argument('<id>', 'audio id', parseId)
    .action(async (id: number) => {
      const result = await withSession(globals(), async ({ call, context }) => {
        const progress = progressReporter('Loudness')
        try {
          return await call('audio.loudness', { id }, { ...context, onProgress: (e) => progress.update(e) })
        } finally {
          progress.stop()
        }
      })
      if (globals().json) printJson(result)
      else printLines(loudnessLines(result))
    })
}

function loudnessLines(result: AudioLoudness): string[] {
  const rows = [
    ...(result.master
      ? [{ label: `master (${result.master.format})`, loudness: result.master.loudness }]
      : []),
    ...result.files.map((file) => ({ label: file.format, loudness: file.loudness })),
  ]
  if (rows.length === 0) return [`audio #${result.id} has no file`]
  return rows.map((row) => `${row.label}: ${describeLoudness(row.loudness, result.target_lufs)}`)
}

export function describeLoudness(loudness: LoudnessInfo | null, target: number): string {
  if (!loudness) return 'not measured'
  if (loudness.silent) return 'digital silence (no loudness)'
  const integrated = loudness.integrated_lufs as number
  const off = integrated - target
  const band =
    Math.abs(off) <= 1
      ? 'on target'
      : `${off > 0 ? '+' : ''}${off.toFixed(1)} LU off the ${target} LUFS target`
  return `${integrated.toFixed(1)} LUFS, true peak ${loudness.true_peak_dbtp?.toFixed(1)} dBTP, range ${loudness.lra_lu?.toFixed(1)} LU (${band})`
}
