import { randomBytes } from 'node:crypto'
import { CastdeskError } from '../../../shared/errors'
import type { Storage } from '../../storage/storage'
import type { BlobsRepository } from '../repositories/blobs.repository'

/**
 * Reserves a storage key no row and no stored object uses, for this process. `keyFor('')` is the
 * preferred key; on a clash a random suffix tells files apart, as Django's storages do.
 */
export async function reserveFreeKey(
  blobs: BlobsRepository,
  storage: Storage,
  keyFor: (suffix: string) => string,
  now: string,
): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const key = keyFor(attempt === 0 ? '' : randomBytes(4).toString('hex').slice(0, 7))
    if (!blobs.reserveKey(key, process.pid, now)) continue
    if (!(await storage.head(key))) return key
    blobs.releaseKey(key)
  }
  throw new CastdeskError('internal', `Could not find a free storage name near ${keyFor('')}.`)
}

/** Inserts `_suffix` before the extension of a key: `images/a.width-10.jpg` → `images/a.width-10_x1y2z3a.jpg`. */
export function withSuffix(key: string, suffix: string): string {
  if (!suffix) return key
  const slash = key.lastIndexOf('/')
  const dot = key.lastIndexOf('.')
  return dot > slash + 1 ? `${key.slice(0, dot)}_${suffix}${key.slice(dot)}` : `${key}_${suffix}`
}
