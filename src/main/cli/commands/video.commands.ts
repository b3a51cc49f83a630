import { type Command, InvalidArgumentError } from 'commander'
import { type GlobalOptions, withSession } from '../cli-context'
import { printJson, printLines } from '../output'
import { parseId } from '../parse-args'
import { progressReporter } from '../progress'

/** `video poster` and `recalc_video_posters`. */
export function registerVideoCommands(program: Command, globals: () => GlobalOptions): void {
  const video = program.command('video').description('poster frames of videos')

  video
    .command('poster')
    .description(
      'make the poster again at --seconds (clamped into the video; default: its poster_seconds); the new poster replaces the old one',
    )
    .argument('<id>', 'video id', parseId)
    .option('--seconds <seconds>', 'the second of the video to show, e.g. 1 or 2.5', parseSeconds)
    .action(async (id: number, options: { seconds?: number }) => {
      const result = await withSession(globals(), ({ call, context }) =>
        call('video.poster', { id, seconds: options.seconds }, context),
      )
      if (globals().json) return printJson(result)
      const { poster } = result
      printLines([
        `poster of #${id}${result.replaced ? ' replaced' : ' made'}: ${poster.width}×${poster.height} at ${poster.seconds} s → ${poster.path ?? poster.key} (image #${poster.image_id})`,
      ])
    })

  program
    .command('recalc_video_posters')
    .description(
      "make the acting user's missing video posters (every poster with --all); goes on after errors",
    )
    .option('--all', 'make every poster again, not only the missing ones')
    .action(async (options: { all?: boolean }) => {
      const result = await withSession(globals(), async ({ call, context }) => {
        const progress = progressReporter('Posters')
        try {
          return await call(
            'video.recalcPosters',
            { all: options.all ?? false },
            { ...context, onProgress: (e) => progress.update(e) },
          )
        } finally {
          progress.stop()
        }
      })
      if (globals().json) printJson(result)
      else {
        for (const failure of result.failures)
          process.stderr.write(`#${failure.id}: ${failure.message} [${failure.code}]\n`)
        printLines([`processed=${result.processed} errors=${result.errors}`])
      }
      if (result.errors > 0) process.exitCode = 1
    })
}

/** A time in seconds: a plain non-negative decimal number ("1", "2.5", ".5"). */
export function parseSeconds(value: string): number {
  const seconds = Number(value)
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(value.trim()) || !Number.isFinite(seconds)) {
    throw new InvalidArgumentError(
      `"${value}" is not a time: give the second of the video to show as a number, 0 or more (e.g. 1 or 2.5).`,
    )
  }
  return seconds
}
