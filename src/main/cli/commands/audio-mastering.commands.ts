import type { Command } from 'commander'
import type { AudioEncodeResult, AudioLoudness } from '../../../shared/api/audio.api'
import { CastdeskError } from '../../../shared/errors'
import { formatBytes } from '../../../shared/format'
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

  audio
    .command('encode')
    .description(
      'make loudness-normalized episode files (tags, cover, chapters) from the master, verify them, and make them the Audio’s files',
    )
    .argument('<id>', 'audio id', parseId)
    .option('--formats <list>', 'comma-separated: mp3, m4a, opus, oga (default: audioEncoding.formats)')
    .option(
      '--target <lufs>',
      'integrated loudness in LUFS (default: audioEncoding.targetLufs, -16)',
      parseNumber,
    )
    .option(
      '--true-peak <dbtp>',
      'highest true peak in dBTP (default: audioEncoding.truePeakDbtp, -1)',
      parseNumber,
    )
    .option(
      '--cover <image-id>',
      'embed this image as the cover (default: the episode’s, else the podcast’s)',
      parseId,
    )
    .action(
      async (
        id: number,
        options: { formats?: string; target?: number; truePeak?: number; cover?: number },
      ) => {
        const formats = options.formats
          ?.split(',')
          .map((f) => f.trim().toLowerCase())
          .filter(Boolean)
        const result = await withSession(globals(), async ({ call, context }) => {
          const progress = progressReporter('Encoding')
          try {
            return await call(
              'audio.encode',
              {
                id,
                formats: formats as Array<'mp3' | 'm4a' | 'opus' | 'oga'> | undefined,
                target_lufs: options.target,
                true_peak_dbtp: options.truePeak,
                cover: options.cover,
              },
              { ...context, onProgress: (e) => progress.update(e) },
            )
          } finally {
            progress.stop()
          }
        })
        if (globals().json) printJson(result)
        else printLines(encodeLines(result))
      },
    )
}

function parseNumber(value: string): number {
  const number = Number(value)
  if (value.trim() === '' || !Number.isFinite(number)) {
    throw new CastdeskError('invalid_input', `"${value}" is not a number.`)
  }
  return number
}

function encodeLines(result: AudioEncodeResult): string[] {
  return [
    `audio #${result.id}: encoded from the ${result.source_is_master ? 'master' : 'existing file'} (${result.source}), ${result.method === 'gain' ? 'plain gain' : 'gain and a peak limiter'} of ${result.gain_db.toFixed(1)} dB`,
    ...result.files.map(
      (file) =>
        `${file.format}: ${file.key} (${formatBytes(file.size)}) ${describeLoudness(file.loudness, result.target_lufs)}${file.replaced ? ', replaced the old file' : ''}`,
    ),
    ...result.warnings.map((warning) => `warning: ${warning}`),
  ]
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
