import { opendir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { LocalStorage } from '../local-storage'
import { isReservedKey, RESERVED_ROOT_FOLDERS } from '../reserved-keys'
import type { Storage, StoredObject } from '../storage'

/**
 * Every file of a storage. A folder on this machine is walked with its stats in parallel (a
 * no-op sync of a large library is mostly this walk); any other storage lists itself. Keys and
 * skipped folders are the same as LocalStorage.list's; the order is not guaranteed.
 */
export async function listAll(storage: Storage): Promise<StoredObject[]> {
  if (!(storage instanceof LocalStorage)) {
    const objects: StoredObject[] = []
    for await (const object of storage.list()) objects.push(object)
    return objects
  }
  const objects: StoredObject[] = []
  await walk(storage.root, '', objects)
  return objects
}

async function walk(dir: string, prefix: string, into: StoredObject[]): Promise<void> {
  let handle: Awaited<ReturnType<typeof opendir>>
  try {
    handle = await opendir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  const pending: Promise<void>[] = []
  for await (const entry of handle) {
    const key = `${prefix}${entry.name}`
    if (prefix === '' && (RESERVED_ROOT_FOLDERS.includes(entry.name) || isReservedKey(key))) continue
    if (entry.isDirectory()) {
      pending.push(walk(join(dir, entry.name), `${key}/`, into))
    } else if (entry.isFile()) {
      pending.push(
        stat(join(dir, entry.name)).then(
          (info) => void into.push({ key, size: info.size, modified: info.mtime }),
          (error: NodeJS.ErrnoException) => {
            if (error.code !== 'ENOENT') throw error
          },
        ),
      )
    }
  }
  await Promise.all(pending)
}
