import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { fileStreamClosed } from '../platform/file-stream-closed'

export interface WrittenFile {
  path: string
  size: number
  sha256: string
}

/**
 * Streams `body` into a new file in `tmpDir` (named after this process), hashing on the way, and
 * fsyncs it unless `sync` is false (a staged copy that is flushed later, before its rename).
 */
export async function writeTempFile(
  body: Readable | Buffer,
  tmpDir: string,
  { sync = true }: { sync?: boolean } = {},
): Promise<WrittenFile> {
  const source = Buffer.isBuffer(body) ? Readable.from([body]) : body
  // The source can fail (a file that vanished) before the pipeline below listens: the pipeline
  // reports that error then, instead of an unhandled 'error' event crashing the process.
  const holdEarlyError = (): void => {}
  source.on('error', holdEarlyError)
  try {
    await mkdir(tmpDir, { recursive: true })
  } catch (error) {
    source.destroy()
    throw error
  }
  const path = join(tmpDir, `${process.pid}-${randomUUID()}.part`)
  const hash = createHash('sha256')
  let size = 0
  const hasher = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk)
      size += chunk.length
      callback(null, chunk)
    },
  })
  const file = createWriteStream(path, { flags: 'wx' })
  try {
    await pipeline(source, hasher, file)
    if (sync) await fsyncPath(path)
  } catch (error) {
    await fileStreamClosed(file)
    await rm(path, { force: true })
    throw withPath(error, tmpDir)
  } finally {
    source.off('error', holdEarlyError)
  }
  return { path, size, sha256: hash.digest('hex') }
}

/**
 * Renames a finished file into place and makes the rename durable; `checkFolder` (a storage's
 * containment) may refuse the destination's folder right before the rename.
 */
export async function commitFile(
  tempPath: string,
  destination: string,
  checkFolder?: (folder: string) => void,
): Promise<void> {
  await mkdir(dirname(destination), { recursive: true })
  checkFolder?.(dirname(destination))
  await rename(tempPath, destination)
  // Windows cannot flush a directory (and NTFS journals the rename itself).
  if (process.platform !== 'win32') await fsyncPath(dirname(destination))
}

/** Flushes a file (or, except on Windows, a directory) to disk. */
export async function fsyncPath(path: string): Promise<void> {
  // Windows flushes only a handle opened for writing (FlushFileBuffers needs GENERIC_WRITE): 'r' gives EPERM.
  const handle = await open(path, process.platform === 'win32' ? 'r+' : 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/**
 * A write stream's error names no file (it writes to a descriptor): a full disk then says "the
 * disk is full" without saying which. Adds the folder written to, so the message names it.
 */
function withPath(error: unknown, folder: string): unknown {
  if (error && typeof error === 'object' && 'code' in error && !('path' in error)) {
    Object.assign(error, { path: folder })
  }
  return error
}
