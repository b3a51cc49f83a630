import { createHash, randomUUID } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'

export interface WrittenFile {
  path: string
  size: number
  sha256: string
}

/** Streams `body` into a new file in `tmpDir` (named after this process), hashing on the way, and fsyncs it. */
export async function writeTempFile(body: Readable | Buffer, tmpDir: string): Promise<WrittenFile> {
  await mkdir(tmpDir, { recursive: true })
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
  const source = Buffer.isBuffer(body) ? Readable.from([body]) : body
  try {
    await pipeline(source, hasher, createWriteStream(path, { flags: 'wx' }))
    await fsyncPath(path)
  } catch (error) {
    await rm(path, { force: true })
    throw error
  }
  return { path, size, sha256: hash.digest('hex') }
}

/** Renames a finished file into place and makes the rename durable. */
export async function commitFile(tempPath: string, destination: string): Promise<void> {
  await mkdir(dirname(destination), { recursive: true })
  await rename(tempPath, destination)
  await fsyncPath(dirname(destination))
}

export async function fsyncPath(path: string): Promise<void> {
  const handle = await open(path, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}
