import type { StaleReport } from '../../shared/api/storage.api'
import { moveToQuarantine } from '../storage/quarantine/quarantine.service'
import type { Storage, StoredObject } from '../storage/storage'
import { MANAGED_PREFIXES } from '../storage/storage-keys'
import { type DeleteLimits, deleteRefusal } from './delete-limits'
import { SKEW_MARGIN_MS, selectStale, splitNewer, underPrefixes } from './stale-selection'

export interface MediaStaleDeps {
  storage: Storage
  /** Keys the library references, read after the listing: a file written meanwhile was reserved first. */
  referencedKeys: () => ReadonlySet<string>
  /** Forgets removed keys in the storage's manifest. */
  forget: (keys: string[]) => void
  /** When the catalog last changed what files it references (null: unknown, nothing is stale). */
  lastWrite: () => Date | null
  /** Items in the catalog, trashed ones included. */
  itemCount: () => number
  limits: DeleteLimits
  now: () => Date
}

export interface MediaStaleOptions {
  delete: boolean
  /** --max-delete N */
  maxDelete?: number
}

/**
 * media_stale: files under the managed prefixes of a storage that no row of the library
 * references, with sizes and a total. A dry run unless `delete`, which moves them into the
 * storage's quarantine. Files written after the catalog's last write are never stale: they are
 * listed apart (the catalog may be an older copy). Keys outside the managed prefixes are not even
 * listed on S3, and never selected.
 */
export async function mediaStale(deps: MediaStaleDeps, options: MediaStaleOptions): Promise<StaleReport> {
  const listed = await listManaged(deps.storage)
  const unreferenced = selectStale(listed, deps.referencedKeys(), MANAGED_PREFIXES)
  const lastWrite = deps.lastWrite()
  const margin = deps.storage.remote ? SKEW_MARGIN_MS.remote : SKEW_MARGIN_MS.local
  const { stale, newer } = splitNewer(unreferenced, lastWrite, margin)
  const report: StaleReport = {
    storage: deps.storage.name,
    files: stale.map((file) => ({ key: file.key, size: file.size })),
    bytes: stale.reduce((sum, file) => sum + file.size, 0),
    deleted: 0,
    failures: [],
    catalogLastWrite: lastWrite?.toISOString() ?? null,
    newer: newer.map((file) => ({ key: file.key, size: file.size, modified: file.modified.toISOString() })),
    importHint: newer.length ? importHint(deps.storage, newer) : null,
    quarantine: null,
    deleteRefused: null,
  }
  if (stale.length === 0) return report
  const refusal = deleteRefusal(
    {
      command: `castdesk media_stale --delete --storage ${deps.storage.name}`,
      storage: deps.storage.name,
      planned: stale.length,
      managed: new Set(listed.filter((f) => underPrefixes(f.key, MANAGED_PREFIXES)).map((f) => f.key)).size,
      items: deps.itemCount(),
      override: options.maxDelete,
      review: `Check the list with castdesk media_stale --storage ${deps.storage.name}`,
    },
    deps.limits,
  )
  if (!options.delete) return { ...report, deleteRefused: refusal?.toJSON() ?? null }
  if (refusal) throw refusal
  const removal = await moveToQuarantine(
    deps.storage,
    stale.map((file) => file.key),
    {
      now: deps.now(),
      // Checked again right before moving: an import may have claimed the key since.
      stillRemovable: (key) => !deps.referencedKeys().has(key),
    },
  )
  deps.forget(removal.removed)
  return {
    ...report,
    deleted: removal.removed.length,
    failures: removal.failures,
    quarantine: removal.quarantine,
  }
}

/** How the newer files get back into the catalog. */
function importHint(storage: Storage, files: readonly StoredObject[]): string {
  const local = storage.localPath(files[0]?.key ?? '')
  if (local) {
    // Import never reads inside a storage (inside_library): the files are copied out first.
    const paths = files.slice(0, 3).map((file) => JSON.stringify(storage.localPath(file.key)))
    return `cp -p ${paths.join(' ')}${files.length > 3 ? ' …' : ''} DIR, then castdesk import DIR`
  }
  return `castdesk sync --from ${storage.name} --to default, then castdesk import the files it brought into the library's media folder`
}

async function listManaged(storage: Storage): Promise<StoredObject[]> {
  const files: StoredObject[] = []
  if (storage.remote) {
    for (const prefix of MANAGED_PREFIXES) for await (const object of storage.list(prefix)) files.push(object)
  } else {
    for await (const object of storage.list()) files.push(object)
  }
  return files
}
