/**
 * The frame layer of an ID3v2.3/2.4 tag (the block at the start of an MP3): a 10-byte header and a list
 * of frames (4-character id, size, 2 flag bytes, body), then zero padding. Only what ffmpeg writes is
 * supported: no unsynchronisation, no extended header, no footer; anything else is reported, not guessed.
 */

export interface Id3Frame {
  id: string
  flags: number
  body: Buffer
}

export interface Id3Tag {
  version: 3 | 4
  frames: Id3Frame[]
  /** Bytes of zero padding after the last frame. */
  padding: number
}

export const ID3_HEADER_BYTES = 10
const FLAG_UNSYNC = 0x80
const FLAG_EXTENDED_HEADER = 0x40
const FLAG_FOOTER = 0x10

function readSyncsafe(buffer: Buffer, offset: number): number {
  return (
    ((buffer[offset] ?? 0) & 0x7f) * 0x200000 +
    ((buffer[offset + 1] ?? 0) & 0x7f) * 0x4000 +
    ((buffer[offset + 2] ?? 0) & 0x7f) * 0x80 +
    ((buffer[offset + 3] ?? 0) & 0x7f)
  )
}

function writeSyncsafe(value: number): Buffer {
  if (value >= 0x10000000) throw new RangeError(`An ID3 size of ${value} bytes does not fit 28 bits.`)
  return Buffer.from([(value >> 21) & 0x7f, (value >> 14) & 0x7f, (value >> 7) & 0x7f, value & 0x7f])
}

/** The whole tag's length (header included) from its first 10 bytes, or null when they are not an ID3v2 header. */
export function id3TagLength(header: Buffer): number | null {
  if (header.length < ID3_HEADER_BYTES || header.toString('latin1', 0, 3) !== 'ID3') return null
  const footer = ((header[5] ?? 0) & FLAG_FOOTER) !== 0 ? ID3_HEADER_BYTES : 0
  return ID3_HEADER_BYTES + readSyncsafe(header, 6) + footer
}

/** Splits frame data (a tag's frames, or the sub-frames of a CHAP/CTOC body) into frames. */
export function parseFrames(data: Buffer, version: 3 | 4): { frames: Id3Frame[]; padding: number } {
  const frames: Id3Frame[] = []
  let offset = 0
  while (offset + ID3_HEADER_BYTES <= data.length && data[offset] !== 0) {
    const id = data.toString('latin1', offset, offset + 4)
    if (!/^[A-Z0-9]{4}$/.test(id)) throw new Error(`an ID3 frame id "${id}" at byte ${offset} is not valid`)
    const size = version === 4 ? readSyncsafe(data, offset + 4) : data.readUInt32BE(offset + 4)
    const start = offset + ID3_HEADER_BYTES
    if (start + size > data.length) throw new Error(`the ID3 frame ${id} at byte ${offset} runs past its tag`)
    frames.push({ id, flags: data.readUInt16BE(offset + 8), body: data.subarray(start, start + size) })
    offset = start + size
  }
  return { frames, padding: data.length - offset }
}

export function serializeFrames(frames: readonly Id3Frame[], version: 3 | 4): Buffer {
  const parts: Buffer[] = []
  for (const frame of frames) {
    const header = Buffer.alloc(ID3_HEADER_BYTES)
    header.write(frame.id, 0, 4, 'latin1')
    if (version === 4) writeSyncsafe(frame.body.length).copy(header, 4)
    else header.writeUInt32BE(frame.body.length, 4)
    header.writeUInt16BE(frame.flags, 8)
    parts.push(header, frame.body)
  }
  return Buffer.concat(parts)
}

/** Reads a whole tag (header included); throws for a layout Castdesk does not handle. */
export function parseId3Tag(tag: Buffer): Id3Tag {
  const length = id3TagLength(tag)
  if (length === null) throw new Error('the file does not start with an ID3v2 tag')
  const version = tag[3]
  if (version !== 3 && version !== 4) throw new Error(`ID3v2.${version} tags are not supported`)
  const flags = tag[5] ?? 0
  if (flags & (FLAG_UNSYNC | FLAG_EXTENDED_HEADER | FLAG_FOOTER)) {
    throw new Error('ID3 tags with unsynchronisation, an extended header or a footer are not supported')
  }
  if (tag.length < length) throw new Error('the ID3 tag is cut short')
  const { frames, padding } = parseFrames(tag.subarray(ID3_HEADER_BYTES, length), version)
  return { version, frames, padding }
}

export function serializeId3Tag(tag: Id3Tag): Buffer {
  const frames = serializeFrames(tag.frames, tag.version)
  const body = Buffer.concat([frames, Buffer.alloc(tag.padding)])
  const header = Buffer.from([0x49, 0x44, 0x33, tag.version, 0, 0])
  return Buffer.concat([header, writeSyncsafe(body.length), body])
}

/** Text of an ID3 text field in its encoding byte's encoding (0 Latin-1, 1 UTF-16 with BOM, 2 UTF-16BE, 3 UTF-8). */
export function decodeId3Text(encoding: number, bytes: Buffer): string {
  switch (encoding) {
    case 0:
      return bytes.toString('latin1')
    case 1: {
      if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16be(bytes.subarray(2))
      if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le')
      return bytes.toString('utf16le')
    }
    case 2:
      return utf16be(bytes)
    default:
      return bytes.toString('utf8')
  }
}

function utf16be(bytes: Buffer): string {
  const swapped = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)))
  swapped.swap16()
  return swapped.toString('utf16le')
}

/** Where the terminator of a string that starts at `offset` is: one zero byte, or two aligned ones for UTF-16. */
export function terminatorAt(bytes: Buffer, offset: number, encoding: number): { end: number; next: number } {
  if (encoding === 1 || encoding === 2) {
    for (let i = offset; i + 1 < bytes.length; i += 2) {
      if (bytes[i] === 0 && bytes[i + 1] === 0) return { end: i, next: i + 2 }
    }
    return { end: bytes.length, next: bytes.length }
  }
  const zero = bytes.indexOf(0, offset)
  return zero === -1 ? { end: bytes.length, next: bytes.length } : { end: zero, next: zero + 1 }
}
