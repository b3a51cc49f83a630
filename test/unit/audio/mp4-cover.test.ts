import { describe, expect, it } from 'vitest'
import { addCoverToMoov } from '../../../src/main/media/audio/encode/mp4-cover.codec'

function box(type: string, ...children: Buffer[]): Buffer {
  const body = Buffer.concat(children)
  const head = Buffer.alloc(8)
  head.writeUInt32BE(8 + body.length, 0)
  head.write(type, 4, 'latin1')
  return Buffer.concat([head, body])
}

function stco(offsets: number[]): Buffer {
  const body = Buffer.alloc(8 + offsets.length * 4)
  body.writeUInt32BE(offsets.length, 4)
  for (const [i, o] of offsets.entries()) body.writeUInt32BE(o, 8 + i * 4)
  return box('stco', body)
}

const moov = () =>
  box(
    'moov',
    box('trak', box('mdia', box('minf', box('stbl', stco([1000, 2000]))))),
    box('udta', box('meta', Buffer.alloc(4), box('ilst', box('\u00a9nam', Buffer.from('title'))))),
  )

describe('MP4 cover (covr)', () => {
  it('appends covr to the ilst, grows every parent, and moves chunk offsets when media follows', () => {
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9])
    const before = moov()
    const after = addCoverToMoov(before, jpeg, true)
    const added = after.length - before.length
    expect(added).toBe(8 + 16 + jpeg.length)
    expect(after.readUInt32BE(0)).toBe(after.length)
    expect(after.includes(Buffer.from('covr', 'latin1'))).toBe(true)
    expect(after.subarray(after.length - jpeg.length).equals(jpeg)).toBe(true)
    const at = after.indexOf(Buffer.from('stco', 'latin1')) + 4
    expect([after.readUInt32BE(at + 8), after.readUInt32BE(at + 12)]).toEqual([1000 + added, 2000 + added])
    const kept = addCoverToMoov(before, jpeg, false)
    const keptAt = kept.indexOf(Buffer.from('stco', 'latin1')) + 4
    expect(kept.readUInt32BE(keptAt + 8)).toBe(1000)
  })

  it('refuses a moov without metadata or with a cover already', () => {
    expect(() => addCoverToMoov(box('moov', box('trak')), Buffer.alloc(4), true)).toThrow(/udta/)
    const once = addCoverToMoov(moov(), Buffer.alloc(4), false)
    expect(() => addCoverToMoov(once, Buffer.alloc(4), false)).toThrow(/cover already/)
  })
})
