import type { Command } from 'commander'
import type { QuarantineNote } from '../../../shared/api/quarantine.api'
import { formatBytes } from '../../../shared/format'
import { BEFORE_REMOVING, type GlobalOptions, withSession } from '../cli-context'
import { printJson, printLines } from '../output'

/** The lines every removing command prints: where the files went and how to get them back. */
export function quarantineLines(note: QuarantineNote | null | undefined): string[] {
  if (!note) return []
  return [
    `moved ${note.files} files (${formatBytes(note.bytes)}) into the quarantine of "${note.storage}": ${note.location}`,
    `to put them back: ${note.restore}`,
  ]
}

/** `quarantine list|restore|purge`: the files removing commands moved aside. */
export function registerQuarantineCommands(program: Command, globals: () => GlobalOptions): void {
  const quarantine = program
    .command('quarantine')
    .description(
      'files that media_stale --delete, sync --delete, trash empty and publish removed, kept quarantineDays',
    )

  quarantine
    .command('list')
    .description('the batches in every storage’s quarantine, oldest first')
    .option('--storage <name>', 'only this storage')
    .action(async (options: { storage?: string }) => {
      const result = await withSession(globals(), ({ call, context }) =>
        call('quarantine.list', { storage: options.storage }, context),
      )
      if (globals().json) return printJson(result)
      for (const f of result.unlisted) process.stderr.write(`error  ${f.storage}: ${f.message} [${f.code}]\n`)
      if (result.unlisted.length) process.exitCode = 1
      if (result.batches.length === 0) return printLines(['the quarantine is empty'])
      printLines(
        result.batches.flatMap((b) => [
          `${b.batch}  ${b.storage}  ${b.files} files, ${formatBytes(b.bytes)}  kept until ${b.expires.slice(0, 10)}  ${b.location}`,
          ...b.keys.slice(0, 5).map((key) => `    ${key}`),
          ...(b.keys.length > 5 ? [`    … ${b.keys.length - 5} more`] : []),
        ]),
      )
    })

  quarantine
    .command('restore')
    .description(
      'put a batch’s files back where they were (never over another file), or copy them out with --to',
    )
    .argument('<batch>', 'the batch id (see quarantine list)')
    .option('--storage <name>', 'only this storage')
    .option('--key <key...>', 'only these keys of the batch')
    .option(
      '--to <dir>',
      'copy the files into this folder instead (to import them again); they stay in quarantine',
    )
    .action(async (batch: string, options: { storage?: string; key?: string[]; to?: string }) => {
      const result = await withSession(globals(), ({ call, context }) =>
        call(
          'quarantine.restore',
          { batch, storage: options.storage, keys: options.key, path: options.to },
          context,
        ),
      )
      if (globals().json) printJson(result)
      else {
        const where = result.path ? `copied into ${result.path}` : 'put back'
        printLines([
          ...result.restored.map((f) => `${where}  ${f.storage}  ${f.key}`),
          ...result.identical.map((f) => `already there  ${f.storage}  ${f.key}`),
          `${result.restored.length} files ${where}, ${result.identical.length} already there, ${result.failures.length} failed`,
          ...(result.path ? [`to bring the items back: castdesk import ${JSON.stringify(result.path)}`] : []),
        ])
        for (const f of result.failures)
          process.stderr.write(`error  ${f.storage} ${f.key}: ${f.message} [${f.code}]\n`)
      }
      if (result.failures.length) process.exitCode = 1
    })

  quarantine
    .command('purge')
    .description(
      'remove quarantined files for good: batches older than quarantineDays, or one batch, or --all',
    )
    .argument('[batch]', 'only this batch, whatever its age')
    .option('--storage <name>', 'only this storage')
    .option('--all', 'every batch, whatever its age')
    .action(async (batch: string | undefined, options: { storage?: string; all?: boolean }) => {
      const result = await withSession(
        globals(),
        ({ call, context }) =>
          call('quarantine.purge', { batch, storage: options.storage, all: options.all ?? false }, context),
        BEFORE_REMOVING,
      )
      if (globals().json) return printJson(result)
      printLines([
        ...result.batches.map(
          (b) => `purged ${b.batch}  ${b.storage}  ${b.files} files, ${formatBytes(b.bytes)}`,
        ),
        `${result.batches.length} batches purged`,
      ])
    })
}
