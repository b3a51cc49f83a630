import type { Command } from 'commander'
import { type GlobalOptions, libraryDirFrom, withSession } from '../cli-context'
import { loadEngine } from '../load-engine'
import { printJson, printLines } from '../output'
import { parseId } from '../parse-args'
import { progressReporter } from '../progress'

export function registerLibraryCommands(program: Command, globals: () => GlobalOptions): void {
  program
    .command('init')
    .description('create a library (folder, castdesk.config.json, database); harmless if it exists')
    .option(
      '--new-catalog',
      'start a new catalog where the database is missing, damaged or of another library (the old file is kept)',
    )
    .action(async (options: { newCatalog?: boolean }) => {
      const dir = libraryDirFrom(globals(), process.env)
      if (options.newCatalog) return newCatalog(dir, globals().json ?? false)
      const { Library } = await loadEngine()
      const library = await Library.open(dir, { create: true, env: process.env })
      library.close()
      if (globals().json) printJson({ library: library.dir })
      else printLines([`Library ready at ${library.dir}`])
    })

  const users = program.command('users').description('user profiles: every item belongs to one')
  users
    .command('add')
    .argument('<name>', 'user name')
    .action(async (name: string) => {
      const user = await withSession(globals(), ({ call, context }) => call('users.add', { name }, context))
      if (globals().json) printJson(user)
      else printLines([`added user ${user.name} (#${user.id})`])
    })
  users.command('list').action(async () => {
    const list = await withSession(globals(), ({ call, context }) => call('users.list', {}, context))
    if (globals().json) printJson(list)
    else printLines(list.map((u) => `${String(u.id).padStart(4)}  ${u.name}`))
  })

  program
    .command('verify')
    .description('re-hash stored files and compare them with the recorded SHA-256 (as background jobs)')
    .argument('[id]', 'only this item', parseId)
    .action(async (id: number | undefined) => {
      const summary = await withSession(globals(), async ({ call, context }) => {
        await call('media.verify', id === undefined ? {} : { id }, context)
        const progress = progressReporter('Verifying')
        try {
          return await call('jobs.run', {}, context)
        } finally {
          progress.stop()
        }
      })
      if (globals().json) printJson(summary)
      else
        printLines([`${summary.done} verified, ${summary.failed} failed (see castdesk jobs --state failed)`])
      if (summary.failed) process.exitCode = 1
    })

  program
    .command('jobs')
    .description("list the acting user's background jobs (--retry ID queues a failed one again first)")
    .option('--state <state>', 'queued|running|done|failed')
    .option('--retry <id>', 'queue this failed job again, with fresh attempts', parseId)
    .action(async (options: { state?: 'queued' | 'running' | 'done' | 'failed'; retry?: number }) => {
      const jobs = await withSession(globals(), async ({ call, context }) => {
        if (options.retry !== undefined) await call('jobs.retry', { id: options.retry }, context)
        return call('jobs.list', { state: options.state }, context)
      })
      if (globals().json) printJson(jobs)
      else
        printLines(
          jobs.map(
            (j) =>
              `${String(j.id).padStart(6)}  ${j.kind.padEnd(14)} ${j.state.padEnd(8)} ${j.error?.message ?? ''}`,
          ),
        )
    })
}

async function newCatalog(dir: string, json: boolean): Promise<void> {
  const { describeNewCatalog, startNewCatalog } = await loadEngine()
  const made = await startNewCatalog(dir, new Date(), { env: process.env })
  made.library.close()
  const { dir: root, id } = made.library
  if (json)
    return printJson({
      library: root,
      id,
      kept: made.kept,
      mediaFiles: made.mediaFiles,
      reimport: made.reimport,
    })
  printLines(describeNewCatalog(made))
}
