import { createHash } from 'node:crypto'
import type { Storage } from '../../storage/storage'
import type { BlobsRepository } from '../repositories/blobs.repository'

/**
 * Makes the row of a file that was being replaced in place (same key, new content) describe what
 * the storage really holds. A replacement is one atomic rename or PUT, so the file is whole: the
 * old content (nothing to do) or the new one (its size and SHA-256 recorded now). True when the
 * row changed.
 */
export async function reconcileRewrittenKey(
  blobs: BlobsRepository,
  storage: Storage,
  key: string,
): Promise<boolean> {
  const blob = blobs.findByKey(key)
  if (!blob || !(await storage.head(key))) return false
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of await storage.get(key)) {
    hash.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  const sha256 = hash.digest('hex')
  if (sha256 === blob.sha256 && size === blob.size) return false
  blobs.updateContent(blob.id, size, sha256)
  return true
}
