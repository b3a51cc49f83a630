import { createHash } from 'node:crypto'
import { CastdeskError } from '../../../shared/errors'
import type { BlobRecord } from '../../library/repositories/blobs.repository'
import type { Storage } from '../../storage/storage'
import type { JobHandler } from '../job-kinds'

export interface VerifyResult {
  checked: number
  bytes: number
}

/** Re-hashes every stored file of an item; a missing or changed file fails the job with its keys. */
export function verifyMediaJob(deps: {
  blobsOf: (mediaId: number) => BlobRecord[]
  storage: Storage
}): JobHandler<'media.verify'> {
  return async ({ mediaId }, context) => {
    const blobs = deps.blobsOf(mediaId)
    if (blobs.length === 0) return { status: 'skipped', reason: `item ${mediaId} no longer exists` }
    const problems: string[] = []
    let bytes = 0
    for (const [index, blob] of blobs.entries()) {
      const actual = await hashStored(deps.storage, blob.key)
      if (actual === null) problems.push(`${blob.key} is missing`)
      else if (actual.sha256 !== blob.sha256) problems.push(`${blob.key} has changed since it was imported`)
      bytes += actual?.size ?? 0
      context.progress((index + 1) / blobs.length)
    }
    if (problems.length) {
      throw new CastdeskError(
        'corrupt_media',
        `Item ${mediaId}: ${problems.join('; ')}. Restore these files from a backup (castdesk media_restore).`,
      )
    }
    const result: VerifyResult = { checked: blobs.length, bytes }
    return { status: 'done', result }
  }
}

async function hashStored(storage: Storage, key: string): Promise<{ sha256: string; size: number } | null> {
  if (!(await storage.head(key))) return null
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of await storage.get(key)) {
    hash.update(chunk as Buffer)
    size += (chunk as Buffer).length
  }
  return { sha256: hash.digest('hex'), size }
}
