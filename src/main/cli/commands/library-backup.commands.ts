import type { Command } from 'commander'
import type { BackupOutcome, SnapshotInfo, StorageSnapshots } from '../../../shared/api/library-backup.api'
import { CastdeskError } from '../../../shared/errors'
import { formatBytes } from '../../../shared/format'
import { describeRestore } from '../../library-backup/restore/restore-report'
import { defaultLibraryDir } from '../../platform/default-library-dir'
import { type GlobalOptions, withSession } from '../cli-context'
import { loadEngine } from '../load-engine'
import { printJson, printLines } from '../output'

/** `castdesk library backup|backups|restore`: snapshots of the library database, and a full restore. */
export function registerLibraryBackupCommands(program: Command, globals: () => GlobalOptions): void {
  const library = program
    .command('library')
    .description('snapshots of the library database, and restoring a library')
  library
    .command('backup')
    .description(
      'snapshot the library database (and its config) to the backup storages, read back and checked',
    )
    .option(
      '--to <storage>',
      'a storage to back up to (repeat; default: backup and libraryBackup.storages)',
      collect,
      [],
    )
    .action(async (options: { to: string[] }) => {
      const { outcomes } = await withSession(globals(), ({ call, context }) =>
        call('library.backup', { to: options.to.length ? options.to : undefined }, context),
      )
      if (globals().json) printJson({ outcomes })
      else printLines(outcomes.map(outcomeLine))
      for (const o of outcomes)
        if (o.error) process.stderr.write(`error  ${o.storage}: ${o.error.message} [${o.error.code}]\n`)
      if (outcomes.some((o) => o.error)) process.exitCode = 1
    })
  library
    .command('backups')
    .description('list the library snapshots of each backup storage, newest first')
    .option('--from <storage>', 'only this storage')
    .action(async (options: { from?: string }) => {
      const { storages } = await withSession(globals(), ({ call, context }) =>
        call('library.backups', { from: options.from }, context),
      )
      if (globals().json) printJson({ storages })
      else printLines(storages.flatMap(listingLines))
      if (storages.some((s) => s.error)) process.exitCode = 1
    })
  library
    .command('restore')
    .description(
      'restore a library from a snapshot into a new, empty folder (--library NEWDIR), with its media; or repair the catalog of a library whose catalog is missing or damaged, in place',
    )
    .requiredOption(
      '--from <source>',
      'a folder, s3://bucket/prefix, or a storage of the current library (in place: of the library repaired)',
    )
    .option('--snapshot <name>', 'which snapshot (default: the newest verified one)')
    .option(
      '--media-from <source>',
      'where the media are (default: --from, then the restored production storage)',
    )
    .option('--endpoint <url>', 'S3-compatible server for s3:// sources (default AWS)')
    .option('--region <region>', 'S3 region for s3:// sources (default us-east-1)')
    .action(
      async (options: {
        from: string
        snapshot?: string
        mediaFrom?: string
        endpoint?: string
        region?: string
      }) => {
        const target = globals().library
        if (!target) {
          throw new CastdeskError(
            'invalid_input',
            'Name the library folder: castdesk library restore --from SOURCE --library DIR (a new, empty folder, or a library whose catalog is missing or damaged).',
          )
        }
        const env = process.env
        const { restoreLibrary } = await loadEngine()
        const report = await restoreLibrary({
          ...options,
          target,
          env,
          currentLibraryDir: env.CASTDESK_LIBRARY ?? defaultLibraryDir(env),
          onProgress: globals().json
            ? undefined
            : (event) => {
                if (event.stage === 'media' && event.done % 100 === 0)
                  process.stderr.write(`restoring files: ${event.done} of ${event.total}\n`)
              },
        })
        if (globals().json) printJson(report)
        else printLines(describeRestore(report))
        for (const p of report.problems)
          process.stderr.write(`${p.problem}  ${p.key} (${p.type} #${p.mediaId} "${p.title}")\n`)
        if (report.files.missing || report.files.mismatched) process.exitCode = 1
      },
    )
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value]
}

function outcomeLine(o: BackupOutcome): string {
  if (!o.snapshot) return `${o.storage}: failed`
  const pruned = o.pruned.length ? `; ${o.pruned.length} older removed` : ''
  return `${o.storage}: snapshot ${o.snapshot.name} (${formatBytes(o.snapshot.size)}), verified${pruned}`
}

function listingLines(entry: StorageSnapshots): string[] {
  if (entry.error) return [`${entry.storage}: ${entry.error.message} [${entry.error.code}]`]
  if (entry.snapshots.length === 0)
    return [`${entry.storage}: no snapshots (castdesk library backup makes one)`]
  return [`${entry.storage}:`, ...entry.snapshots.map(snapshotLine)]
}

function snapshotLine(s: SnapshotInfo): string {
  const counts = s.counts
    ? `${s.counts.image} images, ${s.counts.audio} audio, ${s.counts.video} videos, ${s.counts.file} files, ${s.counts.episodes} episodes`
    : ''
  return `  ${s.name}  ${s.time}  ${formatBytes(s.size).padStart(9)}  ${s.verified ? 'verified' : 'NOT verified'}  ${s.schemaVersion === null ? '' : `schema ${s.schemaVersion}  `}${counts}`.trimEnd()
}
