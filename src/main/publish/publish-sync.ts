import type { PublishFailure, PublishReport } from '../../shared/api/podcasts.api'
import type { Storage } from '../storage/storage'
import { scanDestination } from '../storage/sync/destination-scan'
import type { TransferProgress } from '../storage/sync/progress-meter'
import { hashSourceFiles, scanSource } from '../storage/sync/source-scan'
import { executeSync } from '../storage/sync/sync.executor'
import { DEFAULT_TRANSFERS, type SyncDeps } from '../storage/sync/sync.service'
import { planSync } from '../storage/sync/sync-planner'

export interface SiteSyncRequest {
  source: Storage
  /** The source's manifest identity: unchanged files keep their hash and are not read again. */
  sourceId: string
  to: string
  dryRun: boolean
  /** Generated files an earlier publish sent here that the site no longer has: removed there. */
  retired: readonly string[]
}

type SyncPart = Pick<
  PublishReport,
  'plan' | 'copied' | 'bytes' | 'removed' | 'failures' | 'paths' | 'listing' | 'quarantine'
>

/**
 * One pass of the sync engine from the site to a named storage: plan against the destination's
 * manifest (a remote storage is not listed), then copy what is added or changed, verified. Only
 * pages and feeds this library published there before and the site no longer has are removed
 * (moved into the destination's quarantine), and none after a failed copy in the same pass.
 */
export async function syncSite(
  request: SiteSyncRequest,
  deps: SyncDeps,
  onProgress?: (progress: TransferProgress) => void,
): Promise<SyncPart> {
  const to = deps.storages.get(request.to)
  const toId = deps.storages.identity(request.to)
  const stamp = () => deps.now().toISOString()
  const source = await scanSource(request.source, deps.manifest.all(request.sourceId))
  deps.manifest.remove(request.sourceId, source.gone)
  const destination = await scanDestination(to, deps.manifest.all(toId), { verify: false })
  deps.manifest.upsert(toId, destination.updated, stamp())
  deps.manifest.remove(toId, destination.gone)
  const there = new Set(destination.files.map((file) => file.key))
  const needed = source.files.filter((file) => file.sha256 === null && there.has(file.key))
  deps.manifest.upsert(request.sourceId, await hashSourceFiles(request.source, needed), stamp())

  const plan = planSync(source.files, destination.files)
  const retired = new Set(request.retired)
  const remove = destination.files.filter((file) => retired.has(file.key))
  const part: SyncPart = {
    plan: {
      add: plan.add.length,
      change: plan.change.length,
      same: plan.same.length,
      bytes: plan.bytesToCopy,
    },
    copied: 0,
    bytes: 0,
    removed: 0,
    failures: [],
  }
  if (request.dryRun) {
    const added = new Set(plan.add.map((f) => f.key))
    const changed = new Set(plan.change.map((f) => f.key))
    return {
      ...part,
      listing: source.files
        .map((file) => ({
          key: file.key,
          size: file.size,
          action: added.has(file.key)
            ? ('add' as const)
            : changed.has(file.key)
              ? ('change' as const)
              : ('same' as const),
        }))
        .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)),
      paths: {
        add: plan.add.map((f) => f.key),
        change: plan.change.map((f) => f.key),
        remove: remove.map((f) => f.key),
      },
    }
  }
  const result = await executeSync([...plan.add, ...plan.change], remove, {
    from: request.source,
    to,
    record: (entry) => deps.manifest.upsert(toId, [entry], stamp()),
    recordSource: (entry) => deps.manifest.upsert(request.sourceId, [entry], stamp()),
    forget: (keys) => deps.manifest.remove(toId, keys),
    stagingDir: deps.stagingDir,
    concurrency: DEFAULT_TRANSFERS,
    nowMs: () => deps.now().getTime(),
    onProgress,
  })
  const failures: PublishFailure[] = result.failures
  if (result.deleteSkipped)
    for (const file of remove)
      failures.push({ key: file.key, code: 'storage_error', message: result.deleteSkipped })
  return {
    ...part,
    copied: result.copied,
    bytes: result.bytes,
    removed: result.deleted,
    failures,
    quarantine: result.quarantine,
  }
}
