import { describe, expect, it } from 'vitest'
import {
  buildPage,
  oggCrc,
  packetsOf,
  paginate,
  parsePage,
} from '../../../src/main/media/audio/encode/ogg-pages.codec'
import { pictureBlock, withComment } from '../../../src/main/media/audio/encode/ogg-picture.codec'

const bytes = (length: number, seed: number) =>
  Buffer.from(Array.from({ length }, (_, i) => (i * seed) & 0xff))

describe('Ogg pages', () => {
  it('computes the Ogg CRC (CRC-32, polynomial 04c11db7, no reflection, no final xor)', () => {
    expect(oggCrc(Buffer.from('123456789'))).toBe(0x89a1897f)
  })

  it('lays packets out in pages of at most 255 lacing values and reads the same packets back', () => {
    const packets = [bytes(10, 3), bytes(70_000, 7), bytes(255 * 3, 11), bytes(0, 1)]
    const pages = paginate(packets, 0x1234, 1)
    expect(pages.every((page) => page.segments.length <= 255)).toBe(true)
    // 70,000 bytes need 275 lacing values: the big packet continues on a second page.
    expect(pages).toHaveLength(2)
    expect(pages.map((page) => page.flags)).toEqual([0, 1])
    expect(pages.map((page) => page.sequence)).toEqual([1, 2])
    // A packet of 3 × 255 bytes ends with a lacing value of 0.
    expect(packetsOf(pages).map((p) => p.length)).toEqual([10, 70_000, 765, 0])
    expect(packetsOf(pages).every((p, i) => p.equals(packets[i] as Buffer))).toBe(true)
  })

  it('builds a page whose CRC checks, and parses it back (null while it is incomplete)', () => {
    const [page] = paginate([bytes(600, 5)], 7, 3)
    const built = buildPage(page as NonNullable<typeof page>)
    const zeroed = Buffer.from(built)
    zeroed.writeUInt32LE(0, 22)
    expect(built.readUInt32LE(22)).toBe(oggCrc(zeroed))
    expect(parsePage(built.subarray(0, built.length - 1), 0)).toBeNull()
    const parsed = parsePage(built, 0)
    expect(parsed?.length).toBe(built.length)
    expect(parsed?.page).toMatchObject({ serial: 7, sequence: 3, granule: 0n })
    expect(() => parsePage(Buffer.from('not an ogg page at all, just text'), 0)).toThrow(/no Ogg page/)
  })
})

describe('Ogg cover comment', () => {
  const comments = (magic: Buffer, tail: Buffer) => {
    const vendor = Buffer.from('Lavf58')
    const comment = Buffer.from('title=T')
    const u32 = (n: number) => {
      const b = Buffer.alloc(4)
      b.writeUInt32LE(n, 0)
      return b
    }
    return Buffer.concat([magic, u32(vendor.length), vendor, u32(1), u32(comment.length), comment, tail])
  }

  it('adds a comment to OpusTags and to a Vorbis comment header, keeping what follows', () => {
    for (const [magic, tail] of [
      [Buffer.from('OpusTags'), Buffer.alloc(0)],
      [Buffer.from('\x03vorbis', 'latin1'), Buffer.from([1])],
    ] as const) {
      const out = withComment(comments(magic, tail), 'METADATA_BLOCK_PICTURE=AAAA')
      const at = magic.length + 4 + 6
      expect(out.readUInt32LE(at)).toBe(2)
      expect(out.subarray(-tail.length - 27 || undefined).toString('latin1', 0, 27)).toBe(
        'METADATA_BLOCK_PICTURE=AAAA',
      )
      expect(out.subarray(out.length - tail.length).equals(tail)).toBe(true)
    }
    expect(() => withComment(Buffer.from('OpusHead........'), 'x=y')).toThrow(/not a comment header/)
  })

  it('makes a FLAC picture block: front cover, MIME type, size, then the image bytes', () => {
    const data = bytes(100, 9)
    const block = Buffer.from(pictureBlock({ mime: 'image/jpeg', width: 30, height: 20, data }), 'base64')
    expect(block.readUInt32BE(0)).toBe(3)
    expect(block.toString('ascii', 8, 18)).toBe('image/jpeg')
    expect([block.readUInt32BE(22), block.readUInt32BE(26), block.readUInt32BE(38)]).toEqual([30, 20, 100])
    expect(block.subarray(42).equals(data)).toBe(true)
  })
})
