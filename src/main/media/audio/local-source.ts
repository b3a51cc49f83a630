import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { writeTempFile } from '../../storage/atomic-file'
import type { Storage } from '../../storage/storage'

export interface LocalSource {
  path: string
  cleanup(): Promise<void>
}

/** A readable local file of a stored object: the file itself, or a temporary download from a remote storage. */
export async function localSource(storage: Storage, key: string, stagingDir: string): Promise<LocalSource> {
  const local = storage.localPath(key)
  if (local) return { path: local, cleanup: async () => undefined }
  const copy = await writeTempFile(await storage.get(key), stagingDir)
  return { path: copy.path, cleanup: () => rm(copy.path, { force: true }) }
}

/** Size and SHA-256 of a file, read once. */
export async function hashFile(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  return { size, sha256: hash.digest('hex') }
}
