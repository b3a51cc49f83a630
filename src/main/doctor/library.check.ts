import { existsSync, statfsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { toErrorBody } from '../../shared/errors'
import { formatBytes } from '../../shared/format'
import { NEW_CATALOG_COMMAND, RESTORE_COMMAND } from '../../shared/sqlite-errors'
import { schemaVersion } from '../library/database'
import type { Library } from '../library/library'
import { MIGRATIONS } from '../library/migrations'
import { isProcessAlive } from '../platform/process-liveness'
import { type CheckResult, failure, ok, warning } from './check'

const LOW_DISK = 2 * 1024 ** 3
const FULL_DISK = 200 * 1024 ** 2

export function checkLibrary(library: Library): CheckResult[] {
  return [checkSchema(library), checkIntegrity(library), checkDisk(library), checkJobs(library)]
}

/** The library could not be opened at all: the one finding that explains why. */
export function libraryUnavailable(dir: string, error: unknown): CheckResult {
  return failure('library.open', 'library', toErrorBody(error).message, { dir })
}

function checkSchema(library: Library): CheckResult {
  const version = schemaVersion(library.db)
  const latest = MIGRATIONS.at(-1)?.version ?? 0
  return ok(
    'library.schema',
    'library schema',
    `Schema version ${version} (this Castdesk knows up to ${latest}).`,
    {
      dir: library.dir,
      version,
    },
  )
}

function checkIntegrity(library: Library): CheckResult {
  const result = library.db.pragma('quick_check', { simple: true })
  if (result === 'ok')
    return ok('library.integrity', 'database integrity', 'The database passed SQLite’s integrity check.')
  return failure(
    'library.integrity',
    'database integrity',
    `The database is damaged (${String(result)}). Restore it from the newest verified snapshot with "${RESTORE_COMMAND}", or start a new catalog on purpose with "${NEW_CATALOG_COMMAND}" (the damaged file is kept).`,
  )
}

function checkDisk(library: Library): CheckResult {
  const dir = existingAncestor(
    dirname(library.storage.localPath('.castdesk-doctor') ?? join(library.dir, 'x')),
  )
  const stats = statfsSync(dir)
  const free = stats.bavail * stats.bsize
  const details = { dir, freeBytes: free }
  const limit = Math.max(...Object.values(library.config.uploadLimits))
  if (free < FULL_DISK) {
    return failure(
      'library.disk',
      'free disk space',
      `Only ${formatBytes(free)} free where media live (${dir}): imports will fail. Free up space on that disk.`,
      details,
    )
  }
  if (free < LOW_DISK || free < limit) {
    return warning(
      'library.disk',
      'free disk space',
      `${formatBytes(free)} free where media live (${dir}), less than ${formatBytes(Math.max(LOW_DISK, limit))}: large imports may fail. Free up space on that disk.`,
      details,
    )
  }
  return ok(
    'library.disk',
    'free disk space',
    `${formatBytes(free)} free where media live (${dir}).`,
    details,
  )
}

function checkJobs(library: Library): CheckResult {
  const { failed, stuck, queued } = library.jobsRepo.health(
    (pid) => pid !== process.pid && isProcessAlive(pid),
  )
  const details = { failed, stuck, queued }
  if (failed === 0 && stuck === 0)
    return ok('library.jobs', 'background jobs', `No failed jobs (${queued} queued).`, details)
  const parts = [failed ? `${failed} failed` : '', stuck ? `${stuck} stuck after a crash` : ''].filter(
    Boolean,
  )
  return warning(
    'library.jobs',
    'background jobs',
    `${parts.join(' and ')} jobs. See them with "castdesk jobs --state failed"; stuck ones resume the next time the library is opened.`,
    details,
  )
}

/** Media folders appear with the first import; until then the disk is the one of the nearest parent. */
function existingAncestor(path: string): string {
  let current = path
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current)
  return current
}
