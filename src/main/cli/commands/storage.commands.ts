import { type Command, InvalidArgumentError } from 'commander'
import type { SizesReport, StaleReport, SyncReport } from '../../../shared/api/storage.api'
import { formatBytes } from '../../../shared/format'
import { BEFORE_REMOVING, type GlobalOptions, withSession } from '../cli-context'
import { printJson, printLines } from '../output'
import { parseId } from '../parse-args'
import { progressReporter } from '../progress'
import { quarantineLines } from './quarantine.commands'

interface SyncOptions {
  from: string
  to: string
  dryRun?: boolean
  delete?: boolean
  verify?: boolean
  transfers?: number
  maxDelete?: number
}

/** sync, media_backup, media_restore, media_stale, media_sizes, storages and trash. */
export function registerStorageCommands(program: Command, globals: () => GlobalOptions): void {
  const storages = program
    .command('storages')
    .description('list the configured storages (and where their credentials are read from)')
    .action(async () => {
      const list = await withSession(globals(), ({ call, context }) => call('storage.list', {}, context))
      if (globals().json) return printJson(list)
      printLines(
        list.map((s) =>
          [s.name.padEnd(12), s.type.padEnd(5), s.location, s.endpoint ? `at ${s.endpoint}` : '']
            .join(' ')
            .trimEnd(),
        ),
      )
    })

  storages
    .command('init')
    .description(
      'set up a storage: create its folder when missing and write its marker (.castdesk-storage.json)',
    )
    .argument('<name>', 'the storage, as named in castdesk.config.json')
    .action(async (name: string) => {
      const result = await withSession(globals(), ({ call, context }) =>
        call('storage.init', { name }, context),
      )
      if (globals().json) return printJson(result)
      printLines([
        result.marked
          ? `Storage "${result.name}" at ${result.where} is set up${result.createdRoot ? ' (folder created)' : ''}: marker written.`
          : `Storage "${result.name}" at ${result.where} was already set up for this library.`,
      ])
    })

  storages
    .command('status')
    .description('whether each storage is connected and this library’s, and its referenced files present')
    .action(async () => {
      const list = await withSession(globals(), ({ call, context }) =>
        call('storage.status', { census: true }, context),
      )
      if (globals().json) printJson(list)
      else
        printLines(
          list.map((s) =>
            s.message
              ? `✗ ${s.name}: ${s.message} [${s.code}]`
              : `✓ ${s.name}: ${s.census ? `${s.census.present.toLocaleString('en')} of ${s.census.referenced.toLocaleString('en')} files present` : 'connected'} (${s.where})`,
          ),
        )
      if (list.some((s) => s.message || (s.name === 'default' && s.census?.missing))) process.exitCode = 1
    })

  program
    .command('sync')
    .description('one-click sync: copy what is new or changed (by SHA-256) from one storage to another')
    .option('--from <name>', 'source storage', 'default')
    .option('--to <name>', 'destination storage', 'production')
    .option('--dry-run', 'only show the plan: + add, * change, - extra')
    .option('--delete', 'delete extra destination files under Castdesk’s folders (never after an error)')
    .option('--verify', 'read the destination’s real listing instead of trusting the manifest')
    .option('--transfers <n>', 'files copied at once (default 8)', parseTransfers)
    .option(
      '--max-delete <n>',
      'remove up to N files although maxDelete / maxDeleteFraction say fewer',
      parseCount,
    )
    .action(async (options: SyncOptions) => {
      const input = {
        from: options.from,
        to: options.to,
        dryRun: options.dryRun ?? false,
        delete: options.delete ?? false,
        verify: options.verify ?? false,
        transfers: options.transfers,
        maxDelete: options.maxDelete,
      }
      const report = await withSession(
        globals(),
        async ({ call, context }) => {
          const progress = progressReporter('Syncing')
          try {
            return await call('storage.sync', input, { ...context, onProgress: (e) => progress.update(e) })
          } finally {
            progress.stop()
          }
        },
        input.delete ? BEFORE_REMOVING : {},
      )
      printSync(report, globals().json ?? false)
    })

  for (const [name, operation, from, to] of [
    ['media_backup', 'maintenance.backup', 'production', 'backup'],
    ['media_restore', 'maintenance.restore', 'backup', 'production'],
  ] as const) {
    program
      .command(name)
      .alias(name.replace('_', '-'))
      .description(`copy every ${from} file that ${to} lacks or holds with other content (never deletes)`)
      .option('--dry-run', 'only show what would be copied')
      .option('--transfers <n>', 'files copied at once (default 8)', parseTransfers)
      .action(async (options: { dryRun?: boolean; transfers?: number }) => {
        const input = { dryRun: options.dryRun ?? false, transfers: options.transfers }
        const report = await withSession(globals(), async ({ call, context }) => {
          const progress = progressReporter(name)
          try {
            return await call(operation, input, { ...context, onProgress: (e) => progress.update(e) })
          } finally {
            progress.stop()
          }
        })
        printSync(report, globals().json ?? false)
      })
  }

  program
    .command('media_stale')
    .alias('media-stale')
    .description(
      'files under Castdesk’s folders of a storage that no item references (a dry run unless --delete)',
    )
    .option('--storage <name>', 'the storage (default: production when configured, else default)')
    .option('--delete', 'move the stale files into the storage’s quarantine')
    .option(
      '--max-delete <n>',
      'remove up to N files although maxDelete / maxDeleteFraction say fewer',
      parseCount,
    )
    .action(async (options: { storage?: string; delete?: boolean; maxDelete?: number }) => {
      const input = {
        storage: options.storage,
        delete: options.delete ?? false,
        maxDelete: options.maxDelete,
      }
      const report = await withSession(
        globals(),
        ({ call, context }) => call('maintenance.stale', input, context),
        input.delete ? BEFORE_REMOVING : {},
      )
      printStale(report, options.delete ?? false, globals().json ?? false)
    })

  program
    .command('media_sizes')
    .alias('media-sizes')
    .description(
      'every stored file with its size; totals for video, image, audio, misc, per user and storage',
    )
    .option('--storage <name>', 'only this storage (default: every configured storage)')
    .action(async (options: { storage?: string }) => {
      const report = await withSession(globals(), ({ call, context }) =>
        call('maintenance.sizes', { storage: options.storage }, context),
      )
      if (globals().json) printJson(report)
      else printLines(sizesLines(report))
    })

  const trash = program.command('trash').description('deleted items, kept with their files until emptied')
  trash.command('list').action(async () => {
    const items = await withSession(globals(), ({ call, context }) => call('trash.list', {}, context))
    if (globals().json) printJson(items)
    else
      printLines(
        items.map((i) => `${String(i.id).padStart(6)}  ${i.type.padEnd(5)}  ${i.title}  (${i.trashed})`),
      )
  })
  trash
    .command('restore')
    .argument('<id>', 'item id', parseId)
    .action(async (id: number) => {
      const result = await withSession(globals(), ({ call, context }) =>
        call('trash.restore', { id }, context),
      )
      if (globals().json) printJson(result)
      else printLines([`restored #${result.id}`])
    })
  trash
    .command('empty')
    .description('delete the trashed items; their files go into the quarantine (see deleteFilesOnTrashEmpty)')
    .option(
      '--max-delete <n>',
      'remove up to N files although maxDelete / maxDeleteFraction say fewer',
      parseCount,
    )
    .action(async (options: { maxDelete?: number }) => {
      const result = await withSession(
        globals(),
        ({ call, context }) => call('trash.empty', { maxDelete: options.maxDelete }, context),
        BEFORE_REMOVING,
      )
      if (globals().json) printJson(result)
      else {
        const files = result.filesKept
          ? 'files kept (deleteFilesOnTrashEmpty is false)'
          : `${result.files} files removed (${formatBytes(result.bytes)})`
        const back = result.quarantine
          ? [
              ...quarantineLines(result.quarantine),
              `the items themselves are gone from the catalog: to bring them back, copy the files out with ${result.quarantine.restore} --to DIR, then castdesk import DIR`,
            ]
          : []
        printLines([`${result.items} items deleted, ${files}`, ...back])
        for (const f of result.failures) process.stderr.write(`error  ${f.key}: ${f.message} [${f.code}]\n`)
      }
      if (result.failures.length) process.exitCode = 1
    })
}

function parseCount(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) {
    throw new InvalidArgumentError(`"${value}" is not a number of files: use 0 or more.`)
  }
  return n
}

function parseTransfers(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new InvalidArgumentError(`"${value}" is not a number of transfers: use 1 to 64.`)
  }
  return n
}

function printSync(report: SyncReport, json: boolean): void {
  if (json) printJson(report)
  else {
    const route = `${report.from} → ${report.to}`
    const { plan } = report
    const missing = new Set(report.missing.map((f) => f.key))
    if (report.dryRun && report.paths) {
      const deleting = new Set(report.paths.delete)
      const extras = report.paths.extra.filter((key) => !missing.has(key))
      printLines([
        ...report.paths.add.map((key) => `+ ${key}`),
        ...report.paths.change.map((key) => `* ${key}`),
        ...extras.map((key) => `${deleting.has(key) ? '-' : '!'} ${key}`),
        `${route} (dry run): ${plan.add} to add, ${plan.change} to change, ${formatBytes(plan.bytes)} to copy; ${plan.same} unchanged; ${extras.length} extra${deleting.size ? `, ${deleting.size} to remove (into the quarantine of "${report.to}")` : ''}`,
      ])
    } else {
      printLines([
        `${route}: ${plan.add} added, ${plan.change} changed, ${report.deleted} deleted (${formatBytes(report.bytes)} in ${report.seconds} s); ${plan.same} unchanged${report.kept ? `, ${report.kept} extra kept` : ''}`,
        ...quarantineLines(report.quarantine),
      ])
    }
    for (const f of report.failures) process.stderr.write(`error  ${f.key}: ${f.message} [${f.code}]\n`)
    if (report.deleteSkipped) process.stderr.write(`${report.deleteSkipped}\n`)
    if (report.missing.length) {
      process.stderr.write(
        `${report.missing.length} files the catalog needs are missing from ${report.from}, kept in ${report.to} — the only copy:\n`,
      )
      for (const f of report.missing) process.stderr.write(`missing  ${f.key}\n`)
      process.stderr.write(`to bring them back: ${report.missingFix}\n`)
    }
  }
  if (report.failures.length || report.missing.length) process.exitCode = 1
}

function printStale(report: StaleReport, deleting: boolean, json: boolean): void {
  if (json) printJson(report)
  else {
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`
    printLines(
      [
        `stale ${report.storage}`,
        ...report.files.map((f) => `${f.key} ${mb(f.size)}`),
        `stale ${report.storage} size: ${mb(report.bytes)}`,
        deleting
          ? `removed ${report.deleted} of ${report.files.length} stale files`
          : report.files.length
            ? report.deleteRefused
              ? `dry run: --delete would be refused: ${report.deleteRefused.message}`
              : 'dry run: run again with --delete to move them into the quarantine'
            : '',
        ...quarantineLines(report.quarantine),
        ...(report.newer.length
          ? [
              `newer than the catalog — the catalog may be an older copy (last change ${report.catalogLastWrite}); never stale:`,
              ...report.newer.map((f) => `${f.key} ${mb(f.size)} (${f.modified})`),
              `to import them back: ${report.importHint}`,
            ]
          : []),
      ].filter(Boolean),
    )
    for (const f of report.failures) process.stderr.write(`error  ${f.key}: ${f.message} [${f.code}]\n`)
  }
  if (report.failures.length) process.exitCode = 1
}

function sizesLines(report: SizesReport): string[] {
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`
  return report.storages.flatMap((s) => [
    `storage ${s.name}`,
    ...s.files.map((f) => `${f.key} ${mib(f.size)}`),
    `video usage: ${mib(s.totals.video)}`,
    `image usage: ${mib(s.totals.image)}`,
    `audio usage: ${mib(s.totals.audio)}`,
    `misc usage: ${mib(s.totals.misc)}`,
    `total usage: ${mib(s.totals.total)}`,
    ...Object.entries(s.byUser).map(([user, bytes]) => `user ${user || '(unreferenced)'}: ${mib(bytes)}`),
  ])
}
