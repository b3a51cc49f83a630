import type { Dirent } from 'node:fs'
import { readdirSync, statSync } from 'node:fs'
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import { LocalStorage } from '../local-storage'
import { isReservedKey, RESERVED_ROOT_FOLDERS } from '../reserved-keys'
import type { Storage, StoredObject } from '../storage'

export interface StatTuning {
  /** Files stat'ed at once, synchronously, between two turns of the event loop. */
  batch: number
  /** A batch slower than this is a disk not answering from its cache (a network share, a cold disk). */
  slowBatchMs: number
}

const TUNING: StatTuning = { batch: 64, slowBatchMs: 8 }

interface FoundFile {
  key: string
  path: string
}

/**
 * Every file of a storage. A folder on this machine is read folder by folder, then its files are
 * stat'ed in synchronous batches while the disk answers from its cache (a promise per file costs
 * ten times a stat there, and a no-op sync of a large library is mostly this walk), with a turn of
 * the event loop between batches; once a batch is slow, the rest are stat'ed in parallel. Any
 * other storage lists itself. Keys and skipped folders are the same as LocalStorage.list's; the
 * order is not guaranteed.
 */
export async function listAll(storage: Storage, tuning = TUNING): Promise<StoredObject[]> {
  const objects: StoredObject[] = []
  if (!(storage instanceof LocalStorage)) {
    for await (const object of storage.list()) objects.push(object)
    return objects
  }
  const files: FoundFile[] = []
  findFiles(storage.root, '', files)
  await statFiles(files, objects, tuning)
  return objects
}

function findFiles(dir: string, prefix: string, into: FoundFile[]): void {
  let entries: Dirent[]
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return
    throw error
  }
  for (const entry of entries) {
    const key = `${prefix}${entry.name}`
    if (prefix === '' && (RESERVED_ROOT_FOLDERS.includes(entry.name) || isReservedKey(key))) continue
    if (entry.isDirectory()) findFiles(join(dir, entry.name), `${key}/`, into)
    else if (entry.isFile()) into.push({ key, path: join(dir, entry.name) })
  }
}

async function statFiles(
  files: readonly FoundFile[],
  into: StoredObject[],
  tuning: StatTuning,
): Promise<void> {
  let next = 0
  while (next < files.length) {
    const started = performance.now()
    const end = Math.min(files.length, next + tuning.batch)
    for (; next < end; next++) {
      const { key, path } = files[next]
      const info = statSync(path, { throwIfNoEntry: false })
      if (info) into.push({ key, size: info.size, modified: info.mtime })
    }
    if (performance.now() - started > tuning.slowBatchMs) break
    if (next < files.length) await new Promise<void>((resolve) => setImmediate(resolve))
  }
  await Promise.all(
    files.slice(next).map(({ key, path }) =>
      stat(path).then(
        (info) => void into.push({ key, size: info.size, modified: info.mtime }),
        (error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error
        },
      ),
    ),
  )
}
