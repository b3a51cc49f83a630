import pLimit from 'p-limit'
import type { ManifestEntry } from '../../library/repositories/storage-manifest.repository'
import { hashFile, isMd5Hex } from '../content-hash'
import type { Storage, StoredObject } from '../storage'
import { listAll } from './local-listing'
import { recorded } from './source-scan'
import type { DestinationFile } from './sync-planner'

export interface DestinationScan {
  files: DestinationFile[]
  /** Entries to record (objects learnt from the listing). */
  updated: ManifestEntry[]
  /** Manifest keys the storage no longer has. */
  gone: string[]
  /** Whether the real listing was read (else the manifest alone was trusted). */
  listed: boolean
}

/**
 * What the destination holds. A remote storage is known from the manifest alone unless `verify`:
 * no request per object, no listing. With `verify` (and always for a folder on this machine, where
 * listing is cheap) the real listing is read and reconciled: objects that vanished or changed are
 * noticed, objects Castdesk did not write get one HEAD for their `sha256` metadata.
 */
export async function scanDestination(
  storage: Storage,
  manifest: ReadonlyMap<string, ManifestEntry>,
  options: { verify: boolean; concurrency?: number },
): Promise<DestinationScan> {
  const remote = storage.remote === true
  if (remote && !options.verify) {
    const files = [...manifest.values()].map((entry) => ({
      key: entry.key,
      size: entry.size,
      sha256: entry.sha256,
      etag: entry.etag,
    }))
    return { files, updated: [], gone: [], listed: false }
  }
  const limit = pLimit(options.concurrency ?? 8)
  const pending: Promise<{ file: DestinationFile; entry: ManifestEntry | null }>[] = []
  const listed = new Set<string>()
  for (const object of await listAll(storage)) {
    listed.add(object.key)
    const known = recorded(manifest.get(object.key), object, remote)
    if (known) {
      pending.push(Promise.resolve({ file: { ...known, etag: object.etag ?? null }, entry: null }))
      continue
    }
    pending.push(limit(() => learn(storage, object, remote)))
  }
  const results = await Promise.all(pending)
  return {
    files: results.map((result) => result.file),
    updated: results.flatMap((result) => (result.entry ? [result.entry] : [])),
    gone: [...manifest.keys()].filter((key) => !listed.has(key)),
    listed: true,
  }
}

async function learn(
  storage: Storage,
  object: StoredObject,
  remote: boolean,
): Promise<{ file: DestinationFile; entry: ManifestEntry | null }> {
  if (!remote) {
    const path = storage.localPath(object.key)
    const hash = path ? await hashFile(path) : null
    const file = { key: object.key, size: object.size, sha256: hash?.sha256 ?? null, etag: null }
    const entry = hash && {
      key: object.key,
      size: hash.size,
      sha256: hash.sha256,
      md5: hash.md5,
      etag: null,
      mtimeMs: object.modified.getTime(),
    }
    return { file, entry }
  }
  const head = await storage.head(object.key)
  const sha256 = head?.sha256 && head.size === object.size ? head.sha256 : null
  const etag = object.etag ?? null
  const file = { key: object.key, size: object.size, sha256, etag }
  const md5 = isMd5Hex(etag ?? undefined) ? etag : null
  const entry = sha256 ? { key: object.key, size: object.size, sha256, md5, etag, mtimeMs: null } : null
  return { file, entry }
}
