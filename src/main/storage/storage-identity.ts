import { mkdir, opendir, readFile, stat } from 'node:fs/promises'
import { CastdeskError } from '../../shared/errors'
import { LocalStorage } from './local-storage'
import { isReservedKey, MARKER_KEY } from './reserved-keys'
import { S3Storage } from './s3-storage'
import type { Storage } from './storage'
import { markerText, parseMarker, type StorageMarker } from './storage-marker'
import { bucketMissing, storageForeign, storageMissing, storageUnmarked } from './storage-refusals'

const MARKER_READS = 3

export type StorageState = 'ok' | 'missing' | 'unmarked' | 'foreign'

export interface StorageProbe {
  state: StorageState
  /** The root folder, or s3://bucket/prefix. */
  where: string
  marker: StorageMarker | null
  /** Whether the root holds no file at all (only asked when there is no marker). */
  empty: boolean
  /** For a missing S3 storage: the bucket that does not exist and the endpoint asked. */
  bucket?: { bucket: string; endpoint: string }
}

/** Where a storage's root is, as a person reads it. */
export function storageWhere(storage: Storage): string {
  if (storage instanceof LocalStorage) return storage.root
  if (storage instanceof S3Storage) return `s3://${storage.settings.bucket}/${storage.settings.prefix}`
  return storage.name
}

/**
 * Whether a storage is there and is this library's storage of that name. Cheap: for a folder one
 * stat and one small read, for S3 one GET of the marker (and one short listing when it is absent).
 * Never creates anything.
 */
export async function probeStorage(storage: Storage, libraryId: string): Promise<StorageProbe> {
  const where = storageWhere(storage)
  if (storage instanceof LocalStorage) {
    const info = await stat(storage.root).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return null
      throw error
    })
    if (!info?.isDirectory()) return { state: 'missing', where, marker: null, empty: true }
  }
  let text: string | null
  try {
    text = await readMarker(storage)
  } catch (error) {
    if (storage instanceof S3Storage && isNoSuchBucket(error)) {
      const { bucket, endpoint, region } = storage.settings
      return {
        state: 'missing',
        where,
        marker: null,
        empty: true,
        bucket: { bucket, endpoint: endpoint ?? `AWS ${region}` },
      }
    }
    throw error
  }
  const marker = text === null ? null : parseMarker(text)
  if (!marker) return { state: 'unmarked', where, marker: null, empty: await isEmpty(storage) }
  const state = marker.libraryId === libraryId && marker.storage === storage.name ? 'ok' : 'foreign'
  return { state, where, marker, empty: false }
}

/** Throws storage_missing, storage_unmarked or storage_foreign unless the storage proves it is this one. */
export async function assertStorageIdentity(storage: Storage, libraryId: string): Promise<void> {
  throwUnlessOk(storage.name, await probeStorage(storage, libraryId), libraryId)
}

export function throwUnlessOk(name: string, probe: StorageProbe, libraryId: string): void {
  if (probe.state === 'missing' && probe.bucket)
    throw bucketMissing(name, probe.bucket.bucket, probe.bucket.endpoint)
  if (probe.state === 'missing') throw storageMissing(name, probe.where)
  if (probe.state === 'unmarked') throw storageUnmarked(name, probe.where, probe.empty)
  if (probe.state === 'foreign' && probe.marker)
    throw storageForeign(name, probe.where, probe.marker, libraryId)
}

export interface InitResult {
  name: string
  where: string
  /** The local root did not exist and was created. */
  createdRoot: boolean
  /** A marker was written (false: it was already there). */
  marked: boolean
}

/**
 * `castdesk storages init NAME`: the one code path that creates a storage root. Creates a local
 * root when missing and writes the marker; a storage already marked for this library is left as
 * it is; another library's (or storage's) marker is refused, unchanged.
 */
export async function initStorage(storage: Storage, libraryId: string, now: string): Promise<InitResult> {
  const before = await probeStorage(storage, libraryId)
  const result = { name: storage.name, where: before.where, createdRoot: false, marked: false }
  if (before.state === 'ok') return result
  if (before.state === 'foreign' || before.bucket) throwUnlessOk(storage.name, before, libraryId)
  if (before.state === 'missing' && storage instanceof LocalStorage) {
    await mkdir(storage.root, { recursive: true })
    result.createdRoot = true
  }
  await writeMarker(storage, libraryId, now)
  result.marked = true
  return result
}

/** Writes the marker (the root must exist). */
export async function writeMarker(storage: Storage, libraryId: string, now: string): Promise<void> {
  await storage.put(MARKER_KEY, Buffer.from(markerText(libraryId, storage.name, now)))
}

function isNoSuchBucket(error: unknown): boolean {
  return (
    error instanceof CastdeskError && error.code === 'not_found' && error.message.startsWith('The bucket ')
  )
}

async function readMarker(storage: Storage): Promise<string | null> {
  if (storage instanceof LocalStorage) {
    try {
      return await readFile(storage.localPath(MARKER_KEY), 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'EISDIR') return null
      throw error
    }
  }
  if (storage instanceof S3Storage) {
    try {
      return (await storage.getSmall(MARKER_KEY)).toString('utf8')
    } catch (error) {
      if (isMissingObject(error)) return null
      throw error
    }
  }
  // A body cut off mid-way is read again (a storage's own retries end when the body starts).
  for (let attempt = 1; ; attempt++) {
    try {
      const chunks: Buffer[] = []
      for await (const chunk of await storage.get(MARKER_KEY)) chunks.push(chunk as Buffer)
      return Buffer.concat(chunks).toString('utf8')
    } catch (error) {
      if (error instanceof CastdeskError) {
        if (isMissingObject(error)) return null
        throw error
      }
      if (attempt >= MARKER_READS) throw error
    }
  }
}

/** The object is not there (and the bucket is: a missing bucket is its own refusal). */
function isMissingObject(error: unknown): boolean {
  return error instanceof CastdeskError && error.code === 'not_found' && !isNoSuchBucket(error)
}

async function isEmpty(storage: Storage): Promise<boolean> {
  if (storage instanceof LocalStorage) {
    const dir = await opendir(storage.root)
    try {
      for await (const _entry of dir) return false
      return true
    } finally {
      await dir.close().catch(() => undefined)
    }
  }
  for await (const object of storage.list()) if (!isReservedKey(object.key)) return false
  return true
}
