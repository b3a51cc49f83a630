import type { SyncReport } from '../../../shared/api/storage.api'
import { CastdeskError } from '../../../shared/errors'
import type { StorageManifestRepository } from '../../library/repositories/storage-manifest.repository'
import { isSnapshotKey } from '../../library-backup/snapshot-layout'
import { type DeleteLimits, deleteRefusal } from '../../maintenance/delete-limits'
import { underPrefixes } from '../../maintenance/stale-selection'
import { MANAGED_PREFIXES } from '../storage-keys'
import type { StorageRegistry } from '../storage-registry'
import { scanDestination } from './destination-scan'
import type { TransferProgress } from './progress-meter'
import { hashSourceFiles, scanSource } from './source-scan'
import { executeSync } from './sync.executor'
import { deletableExtras, planSync, splitCatalogVersions, splitReferenced } from './sync-planner'

export interface SyncRequest {
  from: string
  to: string
  dryRun: boolean
  /** Delete extra destination files under Castdesk's prefixes (never after an error in the pass). */
  delete: boolean
  /** Read the destination's real listing (implied by delete). */
  verify: boolean
  /** Files copied at once (default 8). */
  transfers?: number
  /** --max-delete N */
  maxDelete?: number
}

export interface SyncDeps {
  storages: StorageRegistry
  manifest: StorageManifestRepository
  stagingDir: string
  now: () => Date
  /** What the catalog references: such files are never removed, and missing ones are reported. */
  catalog?: {
    referencedKeys: () => ReadonlySet<string>
    /** The SHA-256 the catalog records per key: a destination holding it is never overwritten. */
    recordedHashes?: () => ReadonlyMap<string, string>
    itemCount: () => number
  }
  limits?: DeleteLimits
}

const NO_LIMITS: DeleteLimits = { maxDelete: 100, maxDeleteFraction: 0.25 }

export const DEFAULT_TRANSFERS = 8

/**
 * One sync pass: plan from the manifests (hashing only new or changed source files), then copy
 * what is added or changed, verified, with bounded concurrency; then, if asked and nothing failed,
 * move extras under the managed prefixes that no item references into the destination's
 * quarantine (within the delete limits, checked before anything is copied).
 */
export async function runSync(
  request: SyncRequest,
  deps: SyncDeps,
  onProgress?: (progress: TransferProgress) => void,
): Promise<SyncReport> {
  if (request.from === request.to) {
    throw new CastdeskError(
      'invalid_input',
      `Sync from "${request.from}" to itself does nothing: name two storages.`,
    )
  }
  deps.storages.require([request.from, request.to], `Sync from "${request.from}" to "${request.to}"`)
  const startedMs = deps.now().getTime()
  const from = deps.storages.get(request.from)
  const to = deps.storages.get(request.to)
  const fromId = deps.storages.identity(request.from)
  const toId = deps.storages.identity(request.to)
  const stamp = () => deps.now().toISOString()

  const source = await scanSource(from, deps.manifest.all(fromId))
  deps.manifest.remove(fromId, source.gone)
  const verify = request.verify || request.delete
  const destination = await scanDestination(to, deps.manifest.all(toId), { verify })
  deps.manifest.upsert(toId, destination.updated, stamp())
  deps.manifest.remove(toId, destination.gone)
  // The plan needs the hash of every new or changed source file the destination also has; the
  // others are hashed as they are copied, overlapping reads with uploads.
  const there = new Set(destination.files.map((file) => file.key))
  const needed = source.files.filter((file) => file.sha256 === null && there.has(file.key))
  const hashedNow = await hashSourceFiles(from, needed)
  deps.manifest.upsert(fromId, hashedNow, stamp())

  // Library snapshots (castdesk-library/) belong to the storage they were made for, never media.
  const planned = planSync(
    source.files.filter((file) => !isSnapshotKey(file.key)),
    destination.files.filter((file) => !isSnapshotKey(file.key)),
  )
  // The catalog's hashes describe the default storage: a sync into it never replaces them.
  const versions = splitCatalogVersions(
    planned.change,
    destination.files,
    request.to === 'default' ? (deps.catalog?.recordedHashes?.() ?? new Map()) : new Map(),
  )
  const kept = versions.kept.reduce((sum, file) => sum + file.size, 0)
  const plan = { ...planned, change: versions.change, bytesToCopy: planned.bytesToCopy - kept }
  const { unreferenced, missing } = splitReferenced(plan.extra, deps.catalog?.referencedKeys() ?? new Set())
  const remove = request.delete ? deletableExtras({ ...plan, extra: unreferenced }, MANAGED_PREFIXES) : []
  const refusal = deleteRefusal(
    {
      command: `castdesk sync --from ${request.from} --to ${request.to} --delete`,
      storage: request.to,
      planned: remove.length,
      managed: destination.files.filter((f) => underPrefixes(f.key, MANAGED_PREFIXES)).length,
      items: deps.catalog?.itemCount() ?? 1,
      override: request.maxDelete,
    },
    deps.limits ?? NO_LIMITS,
  )
  if (refusal && !request.dryRun) throw refusal
  const report: SyncReport = {
    from: request.from,
    to: request.to,
    dryRun: request.dryRun,
    verified: destination.listed,
    plan: {
      add: plan.add.length,
      change: plan.change.length,
      extra: plan.extra.length,
      same: plan.same.length,
      bytes: plan.bytesToCopy,
    },
    copied: 0,
    bytes: 0,
    deleted: 0,
    kept: plan.extra.length - remove.length,
    failures: versions.kept.map((file) => ({
      key: file.key,
      code: 'restore_conflict',
      message: `"${file.key}" in ${request.to} is the version the catalog records and ${request.from} holds another: kept, not overwritten. To update ${request.from} instead: castdesk sync --from ${request.to} --to ${request.from}.`,
    })),
    deleteSkipped: refusal?.message ?? null,
    hashed: hashedNow.length,
    seconds: 0,
    missing: missing.map((f) => ({ key: f.key, size: f.size })),
    missingFix: missing.length ? `castdesk sync --from ${request.to} --to ${request.from}` : null,
    quarantine: null,
  }
  if (request.dryRun) {
    report.paths = {
      add: plan.add.map((f) => f.key),
      change: plan.change.map((f) => f.key),
      extra: plan.extra.map((f) => f.key),
      delete: remove.map((f) => f.key),
    }
    const sizeThere = new Map(destination.files.map((file) => [file.key, file.size]))
    const sized = (f: { key: string; size: number }) => ({ key: f.key, size: f.size })
    report.files = {
      add: plan.add.map(sized),
      change: plan.change.map((f) => ({ ...sized(f), previousSize: sizeThere.get(f.key) ?? 0 })),
      extra: plan.extra.map(sized),
      delete: remove.map(sized),
    }
  } else {
    // A version conflict in this pass blocks removals, like any failure.
    const result = await executeSync([...plan.add, ...plan.change], versions.kept.length ? [] : remove, {
      from,
      to,
      record: (entry) => deps.manifest.upsert(toId, [entry], stamp()),
      recordSource: (entry) => {
        report.hashed++
        deps.manifest.upsert(fromId, [entry], stamp())
      },
      forget: (keys) => deps.manifest.remove(toId, keys),
      stillRemovable: (key) => !(deps.catalog?.referencedKeys().has(key) ?? false),
      stagingDir: deps.stagingDir,
      concurrency: request.transfers ?? DEFAULT_TRANSFERS,
      nowMs: () => deps.now().getTime(),
      onProgress,
    })
    Object.assign(report, {
      copied: result.copied,
      bytes: result.bytes,
      deleted: result.deleted,
      failures: [...report.failures, ...result.failures],
      deleteSkipped:
        versions.kept.length && remove.length
          ? `${versions.kept.length} file(s) were kept rather than overwritten, so nothing was removed.`
          : result.deleteSkipped,
      kept: plan.extra.length - result.deleted,
      quarantine: result.quarantine,
    })
  }
  report.seconds = Math.round(deps.now().getTime() - startedMs) / 1000
  return report
}
