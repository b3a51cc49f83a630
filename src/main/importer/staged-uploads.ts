import { randomUUID } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { type Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { CastdeskError } from '../../shared/errors'
import { formatBytes } from '../../shared/format'
import { fileStreamClosed } from '../platform/file-stream-closed'

/**
 * Files sent over the network wait here (inside this process's staging folder, which the next
 * start removes if this process dies) until `media.upload` imports them through the same path as
 * any import, and always removes them.
 */
export function stagedUploadPath(stagingDir: string, userId: number, upload: string): string {
  return join(stagingDir, 'uploads', `${userId}-${upload}`)
}

export interface StagedUpload {
  /** The id `media.upload` takes. */
  upload: string
  size: number
}

/**
 * Streams `source` to a new staged file, keeping at most `limit` bytes. A larger file is read to
 * its end (so the sender gets an answer instead of a broken connection) without being written,
 * then removed, and refused with `file_too_large`.
 */
export async function stageUpload(
  source: Readable,
  stagingDir: string,
  userId: number,
  limit: number,
  name: string,
): Promise<StagedUpload> {
  const upload = randomUUID()
  const path = stagedUploadPath(stagingDir, userId, upload)
  let size = 0
  const guard = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length
      callback(null, size > limit ? undefined : chunk)
    },
  })
  let file: WriteStream | undefined
  try {
    await mkdir(dirname(path), { recursive: true })
    file = createWriteStream(path, { flags: 'wx' })
    await pipeline(source, guard, file)
  } catch (error) {
    if (file) await fileStreamClosed(file)
    await rm(path, { force: true })
    throw error
  }
  if (size > limit) {
    await rm(path, { force: true })
    throw new CastdeskError(
      'file_too_large',
      `${name} is larger than the upload limit of ${formatBytes(limit)}. Raise uploadLimits in castdesk.config.json to accept it.`,
    )
  }
  return { upload, size }
}

/** Removes a staged upload that will not be imported (the request failed after it was staged). */
export async function discardUpload(stagingDir: string, userId: number, upload: string): Promise<void> {
  await rm(stagedUploadPath(stagingDir, userId, upload), { force: true })
}
