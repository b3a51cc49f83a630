import { createHash } from 'node:crypto'
import pLimit from 'p-limit'
import type { ManifestEntry } from '../../library/repositories/storage-manifest.repository'
import { type ContentHash, hashFile, isMd5Hex } from '../content-hash'
import type { Storage, StoredObject } from '../storage'
import { listAll } from './local-listing'
import type { SourceFile } from './sync-planner'

export interface SourceScan {
  files: SourceFile[]
  /** Manifest keys the storage no longer has. */
  gone: string[]
}

/**
 * Every file of a storage. A file whose size and modification time (local) or ETag (S3) match
 * the manifest keeps its recorded SHA-256; a new or changed one is left unhashed (sha256 null):
 * the sync hashes those its plan needs (hashSourceFiles) and the others just before they are
 * copied, so that reading and uploading overlap and nothing is read twice for nothing.
 */
export async function scanSource(
  storage: Storage,
  manifest: ReadonlyMap<string, ManifestEntry>,
): Promise<SourceScan> {
  const remote = storage.remote === true
  const files: SourceFile[] = []
  const listed = new Set<string>()
  for (const object of await listAll(storage)) {
    listed.add(object.key)
    files.push(
      recorded(manifest.get(object.key), object, remote) ?? {
        key: object.key,
        size: object.size,
        sha256: null,
        md5: null,
        mtimeMs: remote ? null : object.modified.getTime(),
        etag: object.etag ?? null,
      },
    )
  }
  return { files, gone: [...manifest.keys()].filter((key) => !listed.has(key)) }
}

/** The manifest's hash for an object that has not changed since it was recorded, else null. */
export function recorded(
  entry: ManifestEntry | undefined,
  object: StoredObject,
  remote: boolean,
): SourceFile | null {
  if (!entry?.sha256 || entry.size !== object.size) return null
  const unchanged = remote
    ? object.etag !== undefined && entry.etag === object.etag
    : entry.mtimeMs === object.modified.getTime()
  return unchanged ? { key: object.key, size: entry.size, sha256: entry.sha256, md5: entry.md5 } : null
}

/** Hashes the unhashed files among `files`, in place; returns their manifest entries. */
export async function hashSourceFiles(
  storage: Storage,
  files: readonly SourceFile[],
  concurrency = 4,
): Promise<ManifestEntry[]> {
  const limit = pLimit(concurrency)
  const unhashed = files.filter((file) => file.sha256 === null)
  return Promise.all(unhashed.map((file) => limit(() => hashSourceFile(storage, file))))
}

/**
 * Learns one file's SHA-256 (and MD5 when it can), filling them in; returns its manifest entry.
 * A file on this machine is read; an S3 object written by Castdesk names it in its metadata (one
 * HEAD); any other object is downloaded and hashed.
 */
export async function hashSourceFile(storage: Storage, file: SourceFile): Promise<ManifestEntry> {
  const path = storage.localPath(file.key)
  let hash: ContentHash
  if (path) hash = await hashFile(path)
  else {
    const head = await storage.head(file.key)
    hash =
      head?.sha256 && head.size === file.size
        ? { size: head.size, sha256: head.sha256, md5: isMd5Hex(head.etag) ? head.etag : '' }
        : await hashStream(storage, file.key)
  }
  Object.assign(file, { size: hash.size, sha256: hash.sha256, md5: hash.md5 || null })
  return sourceEntry(file)
}

/** The source manifest entry of a hashed file. */
export function sourceEntry(file: SourceFile): ManifestEntry {
  return {
    key: file.key,
    size: file.size,
    sha256: file.sha256,
    md5: file.md5,
    etag: file.etag ?? null,
    mtimeMs: file.mtimeMs ?? null,
  }
}

async function hashStream(storage: Storage, key: string): Promise<ContentHash> {
  const sha256 = createHash('sha256')
  const md5 = createHash('md5')
  let size = 0
  for await (const chunk of await storage.get(key)) {
    sha256.update(chunk as Buffer)
    md5.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  return { size, sha256: sha256.digest('hex'), md5: md5.digest('hex') }
}
