import type { Command } from 'commander'
import { MEDIA_TYPES, type MediaType } from '../../../shared/media'
import { type GlobalOptions, withSession } from '../cli-context'
import { describeItem, printJson, printLines, summarize } from '../output'
import { parseId } from '../parse-args'
import { progressReporter } from '../progress'

export function registerMediaCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('import')
    .description('import files and folders (recursively); each file is classified by its content')
    .argument('<paths...>', 'files or folders')
    .option('--no-jobs', 'leave derived work (posters, waveform peaks) queued for later')
    .action(async (paths: string[], options: { jobs?: boolean }) => {
      const outcomes = await withSession(globals(), async ({ call, context }) => {
        const progress = progressReporter('Importing')
        let imported: Awaited<ReturnType<typeof call<'media.import'>>>
        try {
          imported = await call(
            'media.import',
            { paths },
            { ...context, onProgress: (e) => progress.update(e) },
          )
        } finally {
          progress.stop()
        }
        // Derived work (posters, waveform peaks) is queued by the import; finish it before returning.
        if (options.jobs !== false) await call('jobs.run', {}, context)
        return imported
      })
      if (globals().json) printJson(outcomes)
      else {
        printLines(
          outcomes.map((o) =>
            o.status === 'error'
              ? `error      ${o.path}: ${o.error?.message} [${o.error?.code}]`
              : `${o.status.padEnd(10)} ${o.path} → #${o.id} ${o.type}`,
          ),
        )
        const failed = outcomes.filter((o) => o.status === 'error').length
        const imported = outcomes.filter((o) => o.status === 'imported').length
        const duplicates = outcomes.length - failed - imported
        process.stderr.write(`${imported} imported, ${duplicates} duplicate, ${failed} failed\n`)
      }
      if (outcomes.some((o) => o.status === 'error')) process.exitCode = 1
    })

  program
    .command('list')
    .description("list the acting user's media, newest first")
    .option('--type <type>', `only one type: ${MEDIA_TYPES.join('|')}`)
    .option('--limit <n>', 'at most this many items', parseId)
    .action(async (options: { type?: MediaType; limit?: number }) => {
      const items = await withSession(globals(), ({ call, context }) =>
        call('media.list', { type: options.type, limit: options.limit }, context),
      )
      if (globals().json) printJson(items)
      else printLines(items.map(summarize))
    })

  program
    .command('show')
    .description('show one item')
    .argument('<id>', 'item id', parseId)
    .action(async (id: number) => {
      const item = await withSession(globals(), ({ call, context }) => call('media.show', { id }, context))
      if (globals().json) printJson(item)
      else printLines(describeItem(item))
    })

  program
    .command('delete')
    .description('move an item to the trash (castdesk trash empty deletes its files)')
    .argument('<id>', 'item id', parseId)
    .action(async (id: number) => {
      const result = await withSession(globals(), ({ call, context }) =>
        call('media.delete', { id }, context),
      )
      if (globals().json) printJson(result)
      else printLines([`moved #${result.id} to the trash`])
    })
}
