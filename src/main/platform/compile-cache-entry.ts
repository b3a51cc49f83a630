// The compile cache's entry file: a header that says whose code it is, then V8's code cache.
//   magic | key (20) | digest (20) | refreshes (1) | source path length (2, LE) | source path | code
// The key ties the entry to the file as it is on disk; the digest covers the path and the code;
// the path lets a prune find entries whose file is gone (see compile-cache-prune.ts).

import { createHash } from 'node:crypto'
import { closeSync, openSync, readFileSync, readSync, renameSync, rmSync, writeSync } from 'node:fs'

const MAGIC = Buffer.from('CDCC3\n')
const KEY_BYTES = 20
const DIGEST_BYTES = 20
const REFRESHES_AT = MAGIC.length + KEY_BYTES + DIGEST_BYTES
const PATH_LENGTH_AT = REFRESHES_AT + 1
const PATH_AT = PATH_LENGTH_AT + 2
const MAX_PATH_BYTES = 0xffff

interface Entry {
  data: Buffer
  refreshes: number
}

const digestOf = (path: Buffer, data: Buffer) => createHash('sha1').update(path).update(data).digest()

/** The entry's code cache when it belongs to `key` and is intact; 'damaged' when it is not. */
export function readEntry(entry: string, key: Buffer): Entry | 'missing' | 'damaged' {
  let bytes: Buffer
  try {
    bytes = readFileSync(entry)
  } catch {
    return 'missing'
  }
  if (bytes.length <= PATH_AT || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) return 'damaged'
  if (!bytes.subarray(MAGIC.length, MAGIC.length + KEY_BYTES).equals(key)) return 'missing'
  const pathEnd = PATH_AT + bytes.readUInt16LE(PATH_LENGTH_AT)
  if (pathEnd >= bytes.length) return 'damaged'
  const data = bytes.subarray(pathEnd)
  const digest = bytes.subarray(MAGIC.length + KEY_BYTES, REFRESHES_AT)
  // V8 checks versions and the source length, not the bytes: a damaged entry could crash it.
  if (!digestOf(bytes.subarray(PATH_AT, pathEnd), data).equals(digest)) return 'damaged'
  return { data, refreshes: bytes[REFRESHES_AT] }
}

/**
 * The source file an entry was written for, read from its header alone; null when the file is not
 * an entry of this format (an older format, a torn or foreign file).
 */
export function entrySource(entry: string): string | null {
  const fd = openSync(entry, 'r')
  try {
    let head = Buffer.alloc(PATH_AT + 4096)
    let read = readSync(fd, head, 0, head.length, 0)
    if (read < PATH_AT || !head.subarray(0, MAGIC.length).equals(MAGIC)) return null
    const pathEnd = PATH_AT + head.readUInt16LE(PATH_LENGTH_AT)
    if (pathEnd > head.length) {
      head = Buffer.alloc(pathEnd)
      read = readSync(fd, head, 0, pathEnd, 0)
    }
    return pathEnd > read ? null : head.toString('utf8', PATH_AT, pathEnd)
  } finally {
    closeSync(fd)
  }
}

/** Writes the entry whole under a temporary name, then renames it into place. */
export function replaceEntry(
  entry: string,
  key: Buffer,
  source: string,
  data: Buffer,
  refreshes: number,
): void {
  const path = Buffer.from(source)
  if (path.length > MAX_PATH_BYTES) return
  const temp = `${entry}.${process.pid}.tmp`
  try {
    const length = Buffer.alloc(2)
    length.writeUInt16LE(path.length)
    const fd = openSync(temp, 'w', 0o600)
    try {
      for (const part of [MAGIC, key, digestOf(path, data), Buffer.of(refreshes), length, path, data])
        writeSync(fd, part)
    } finally {
      closeSync(fd)
    }
    renameSync(temp, entry)
  } catch (error) {
    try {
      rmSync(temp, { force: true })
    } catch {}
    throw error
  }
}

/** Counts one more refresh in place (the digest does not cover the count). */
export function countRefresh(entry: string, refreshes: number): void {
  const fd = openSync(entry, 'r+')
  try {
    writeSync(fd, Buffer.of(refreshes), 0, 1, REFRESHES_AT)
  } finally {
    closeSync(fd)
  }
}
