import pLimit from 'p-limit'
import type { QuarantineNote } from '../../../shared/api/quarantine.api'
import type { SyncFailure } from '../../../shared/api/storage.api'
import { type CastdeskError, isCastdeskError, toErrorBody } from '../../../shared/errors'
import type { ManifestEntry } from '../../library/repositories/storage-manifest.repository'
import { moveToQuarantine } from '../quarantine/quarantine.service'
import type { Storage } from '../storage'
import { copyObject } from './copy-object'
import { ProgressMeter, type TransferProgress } from './progress-meter'
import type { DestinationFile, SourceFile } from './sync-planner'

export interface ExecutionResult {
  copied: number
  bytes: number
  failures: SyncFailure[]
  deleted: number
  /** Where the removed files went. */
  quarantine: QuarantineNote | null
  /** Why extras were not deleted although asked, e.g. an error earlier in the same pass. */
  deleteSkipped: string | null
}

export interface ExecutionDeps {
  from: Storage
  to: Storage
  /** Records a verified copy in the destination's manifest (right away: a crash keeps what landed). */
  record: (entry: ManifestEntry) => void
  /** Records the hash of a source file that was hashed just before its copy. */
  recordSource: (entry: ManifestEntry) => void
  /** Forgets deleted files in the destination's manifest. */
  forget: (keys: string[]) => void
  /** Asked again right before a file is removed (an import may have claimed the key meanwhile). */
  stillRemovable?: (key: string) => boolean
  stagingDir: string
  /** Files copied at once. */
  concurrency: number
  nowMs: () => number
  onProgress?: (progress: TransferProgress) => void
}

/**
 * Copies `copy` with bounded concurrency, each file verified; a failed file is reported and the
 * rest go on. Then, only if nothing failed in this pass, moves `remove` into the destination's
 * quarantine. An error that every
 * other file would meet as well (credentials refused, storage unreachable, bucket missing) stops
 * the pass: it is thrown once the copies under way have finished.
 */
export async function executeSync(
  copy: readonly SourceFile[],
  remove: readonly DestinationFile[],
  deps: ExecutionDeps,
): Promise<ExecutionResult> {
  const total = copy.reduce((sum, file) => sum + file.size, 0)
  const meter = new ProgressMeter(copy.length, total, deps.nowMs())
  const limit = pLimit(deps.concurrency)
  const failures: SyncFailure[] = []
  let copied = 0
  let bytes = 0
  let fatal: CastdeskError | null = null
  await Promise.all(
    copy.map((file) =>
      limit(async () => {
        if (fatal) return
        try {
          const entry = await copyObject(deps.from, deps.to, file, {
            stagingDir: deps.stagingDir,
            onBytes: (stored) => deps.onProgress?.(meter.bytes(file.key, stored, deps.nowMs())),
          })
          if (entry.source) deps.recordSource(entry.source)
          deps.record(entry.destination)
          copied++
          bytes += file.size
          meter.bytes(file.key, file.size, deps.nowMs())
        } catch (error) {
          if (isFatal(error)) fatal ??= error
          const body = toErrorBody(error)
          failures.push({ key: file.key, code: body.code, message: body.message })
        }
        deps.onProgress?.(meter.fileDone(file.key, deps.nowMs()))
      }),
    ),
  )
  if (fatal) throw fatal
  const result: ExecutionResult = {
    copied,
    bytes,
    failures,
    deleted: 0,
    quarantine: null,
    deleteSkipped: null,
  }
  if (remove.length === 0) return result
  if (failures.length > 0) {
    result.deleteSkipped = `${failures.length} file(s) failed in this pass, so nothing was deleted; run the sync again.`
    return result
  }
  await deleteExtras(remove, deps, result)
  return result
}

async function deleteExtras(
  remove: readonly DestinationFile[],
  deps: ExecutionDeps,
  result: ExecutionResult,
): Promise<void> {
  const removal = await moveToQuarantine(
    deps.to,
    remove.map((file) => file.key),
    { now: new Date(deps.nowMs()), concurrency: deps.concurrency, stillRemovable: deps.stillRemovable },
  )
  result.failures.push(...removal.failures)
  deps.forget(removal.removed)
  result.deleted = removal.removed.length
  result.quarantine = removal.quarantine
}

/** Errors every other file would meet too: going on would only repeat them. */
function isFatal(error: unknown): error is CastdeskError {
  if (!isCastdeskError(error)) return false
  if (error.code === 'storage_denied' || error.code === 'storage_unreachable') return true
  return error.code === 'not_found' && error.message.startsWith('The bucket ')
}
