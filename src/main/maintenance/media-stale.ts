import pLimit from 'p-limit'
import type { StaleReport, SyncFailure } from '../../shared/api/storage.api'
import { toErrorBody } from '../../shared/errors'
import type { Storage, StoredObject } from '../storage/storage'
import { MANAGED_PREFIXES } from '../storage/storage-keys'
import { selectStale } from './stale-selection'

export interface MediaStaleDeps {
  storage: Storage
  /** Keys the library references, read after the listing: a file written meanwhile was reserved first. */
  referencedKeys: () => ReadonlySet<string>
  /** Forgets deleted keys in the storage's manifest. */
  forget: (keys: string[]) => void
}

/**
 * media_stale: files under the managed prefixes of a storage that no row of the library
 * references, with sizes and a total. A dry run unless `delete`. Keys outside the managed
 * prefixes are not even listed on S3, and never selected.
 */
export async function mediaStale(deps: MediaStaleDeps, options: { delete: boolean }): Promise<StaleReport> {
  const listed = await listManaged(deps.storage)
  const stale = selectStale(listed, deps.referencedKeys(), MANAGED_PREFIXES)
  const report: StaleReport = {
    storage: deps.storage.name,
    files: stale.map((file) => ({ key: file.key, size: file.size })),
    bytes: stale.reduce((sum, file) => sum + file.size, 0),
    deleted: 0,
    failures: [],
  }
  if (!options.delete || stale.length === 0) return report
  const failures: SyncFailure[] = []
  const deleted: string[] = []
  const limit = pLimit(8)
  await Promise.all(
    stale.map((file) =>
      limit(async () => {
        // Checked again right before deleting: an import may have claimed the key since.
        if (deps.referencedKeys().has(file.key)) return
        try {
          await deps.storage.delete(file.key)
          deleted.push(file.key)
        } catch (error) {
          const body = toErrorBody(error)
          failures.push({ key: file.key, code: body.code, message: body.message })
        }
      }),
    ),
  )
  deps.forget(deleted)
  return { ...report, deleted: deleted.length, failures }
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
