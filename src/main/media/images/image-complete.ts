import type { FileHandle } from 'node:fs/promises'
import { open } from 'node:fs/promises'
import { zlib } from '../../platform/builtins'
import type { ImageFormat } from '../detect'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const JPEG_SOS = 0xda
const JPEG_MAX_SEGMENTS = 256
const READ_BYTES = 256 * 1024

type ReadAt = (position: number, length: number) => Promise<Buffer>

/**
 * Whether a JPEG or PNG is provably whole without decoding it: a PNG whose chunks all carry their
 * right CRC and end with IEND at the end of the file, a JPEG that reaches its first scan (SOS) and
 * ends with EOI after it. A copy cut short or damaged on the way never is. False means "not proven"
 * (other formats, bytes after the end, an odd layout): the caller then decodes the image to know.
 */
export async function endsWhole(path: string, format: ImageFormat): Promise<boolean> {
  if (format !== 'jpeg' && format !== 'png') return false
  const handle = await open(path, 'r')
  try {
    const { size } = await handle.stat()
    const readAt = reader(handle)
    return format === 'png' ? await pngWhole(readAt, size) : await jpegWhole(readAt, size)
  } finally {
    await handle.close()
  }
}

/**
 * Reads through one block kept in memory, so a walk from the start reads the file once. A returned
 * slice is valid until the next read.
 */
function reader(handle: FileHandle): ReadAt {
  const buffer = Buffer.allocUnsafe(READ_BYTES)
  let block = buffer.subarray(0, 0)
  let blockStart = 0
  return async (position, length) => {
    if (position < blockStart || position + length > blockStart + block.length) {
      const target = length > READ_BYTES ? Buffer.allocUnsafe(length) : buffer
      const { bytesRead } = await handle.read(target, 0, target.length, position)
      block = target.subarray(0, bytesRead)
      blockStart = position
    }
    return block.subarray(position - blockStart, position - blockStart + length)
  }
}

async function jpegWhole(readAt: ReadAt, size: number): Promise<boolean> {
  if (size < 4) return false
  const tail = await readAt(size - 2, 2)
  if (tail[0] !== 0xff || tail[1] !== 0xd9) return false
  const scan = await jpegScanOffset(readAt)
  // An EXIF thumbnail ends with its own EOI: the file's must come after the first scan.
  return scan !== null && scan < size - 2
}

/** Where the first scan (SOS marker) starts, walking the segments after SOI; null if not found. */
async function jpegScanOffset(readAt: ReadAt): Promise<number | null> {
  const soi = await readAt(0, 2)
  if (soi[0] !== 0xff || soi[1] !== 0xd8) return null
  let position = 2
  for (let segment = 0; segment < JPEG_MAX_SEGMENTS; segment++) {
    const header = await readAt(position, 4)
    if (header.length < 4 || header[0] !== 0xff) return null
    const marker = header[1] as number
    if (marker === 0xff) {
      position += 1 // a fill byte before a marker
      continue
    }
    if (marker === JPEG_SOS) return position
    position += 2 + header.readUInt16BE(2)
  }
  return null
}

/** Every chunk's CRC checked, the last one IEND ending exactly at the end of the file. */
async function pngWhole(readAt: ReadAt, size: number): Promise<boolean> {
  if (!(await readAt(0, 8)).equals(PNG_SIGNATURE)) return false
  let position = 8
  while (position + 12 <= size) {
    const header = await readAt(position, 8)
    const length = header.readUInt32BE(0)
    const type = header.toString('latin1', 4, 8)
    const end = position + 8 + length
    if (length > 0x7fffffff || end + 4 > size) return false
    let crc = zlib().crc32(header.subarray(4, 8))
    for (let at = position + 8; at < end; at += READ_BYTES) {
      crc = zlib().crc32(await readAt(at, Math.min(READ_BYTES, end - at)), crc)
    }
    if ((await readAt(end, 4)).readUInt32BE(0) !== crc) return false
    if (type === 'IEND') return end + 4 === size
    position = end + 4
  }
  return false
}
