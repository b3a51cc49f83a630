/** Ogg pages (RFC 3533): parsing, building with their CRC, and renumbering. */

export interface OggPage {
  /** Header type flags: 1 continued packet, 2 first page, 4 last page. */
  flags: number
  granule: bigint
  serial: number
  sequence: number
  /** Lacing values: a value under 255 ends a packet. */
  segments: number[]
  body: Buffer
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let i = 0; i < 256; i++) {
    let r = i << 24
    for (let bit = 0; bit < 8; bit++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1
    table[i] = r >>> 0
  }
  return table
})()

export function oggCrc(bytes: Uint8Array): number {
  let crc = 0
  for (const byte of bytes) crc = ((crc << 8) ^ (CRC_TABLE[((crc >>> 24) ^ byte) & 0xff] as number)) >>> 0
  return crc
}

/** The page starting at `offset`, and its length; null when `bytes` does not hold all of it yet. */
export function parsePage(bytes: Buffer, offset: number): { page: OggPage; length: number } | null {
  if (bytes.length < offset + 27) return null
  if (bytes.toString('latin1', offset, offset + 4) !== 'OggS') {
    throw new Error(`no Ogg page at byte ${offset}`)
  }
  const count = bytes[offset + 26] as number
  if (bytes.length < offset + 27 + count) return null
  const segments = [...bytes.subarray(offset + 27, offset + 27 + count)]
  const bodyLength = segments.reduce((sum, value) => sum + value, 0)
  const length = 27 + count + bodyLength
  if (bytes.length < offset + length) return null
  return {
    page: {
      flags: bytes[offset + 5] as number,
      granule: bytes.readBigInt64LE(offset + 6),
      serial: bytes.readUInt32LE(offset + 14),
      sequence: bytes.readUInt32LE(offset + 18),
      segments,
      body: bytes.subarray(offset + 27 + count, offset + length),
    },
    length,
  }
}

export function buildPage(page: OggPage): Buffer {
  const out = Buffer.alloc(27 + page.segments.length + page.body.length)
  out.write('OggS', 0, 'latin1')
  out[5] = page.flags
  out.writeBigInt64LE(page.granule, 6)
  out.writeUInt32LE(page.serial, 14)
  out.writeUInt32LE(page.sequence, 18)
  out[26] = page.segments.length
  Buffer.from(page.segments).copy(out, 27)
  page.body.copy(out, 27 + page.segments.length)
  out.writeUInt32LE(oggCrc(out), 22)
  return out
}

/** The complete packets of consecutive pages (a packet may span pages). */
export function packetsOf(pages: readonly OggPage[]): Buffer[] {
  const packets: Buffer[] = []
  let parts: Buffer[] = []
  for (const page of pages) {
    let at = 0
    for (const value of page.segments) {
      parts.push(page.body.subarray(at, at + value))
      at += value
      if (value < 255) {
        packets.push(Buffer.concat(parts))
        parts = []
      }
    }
  }
  return packets
}

/** Pages holding `packets` one after another (at most 255 lacing values a page); granule 0 where one ends. */
export function paginate(packets: readonly Buffer[], serial: number, firstSequence: number): OggPage[] {
  const pages: OggPage[] = []
  let segments: number[] = []
  let body: Buffer[] = []
  let continued = false
  let ended = false
  const flush = (nextContinues: boolean) => {
    pages.push({
      flags: continued ? 1 : 0,
      granule: ended ? 0n : -1n,
      serial,
      sequence: firstSequence + pages.length,
      segments,
      body: Buffer.concat(body),
    })
    segments = []
    body = []
    continued = nextContinues
    ended = false
  }
  for (const packet of packets) {
    const count = Math.floor(packet.length / 255) + 1
    for (let i = 0; i < count; i++) {
      if (segments.length === 255) flush(segments[254] === 255)
      const value = i < count - 1 ? 255 : packet.length % 255
      segments.push(value)
      body.push(packet.subarray(i * 255, i * 255 + value))
      if (i === count - 1) ended = true
    }
  }
  if (segments.length > 0) flush(false)
  return pages
}
