import { describe, expect, it } from 'vitest'
import { completeId3Chapters, readId3Chapters } from '../../../src/main/media/audio/chapters/id3-chapters'
import {
  decodeId3Text,
  type Id3Frame,
  id3TagLength,
  parseId3Tag,
  serializeFrames,
  serializeId3Tag,
} from '../../../src/main/media/audio/chapters/id3-frames'

/** A TIT2 frame body: encoding byte then text (UTF-16 with BOM for 1, as ffmpeg writes non-Latin-1 titles). */
function title(text: string, encoding: 0 | 1 | 3 = 0): Id3Frame {
  const bytes =
    encoding === 1
      ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le'), Buffer.from([0, 0])])
      : Buffer.concat([Buffer.from(text, encoding === 3 ? 'utf8' : 'latin1'), Buffer.from([0])])
  return { id: 'TIT2', flags: 0, body: Buffer.concat([Buffer.from([encoding]), bytes]) }
}

function chap(
  elementId: string,
  startMs: number,
  endMs: number,
  sub: Id3Frame[],
  version: 3 | 4 = 3,
): Id3Frame {
  const head = Buffer.alloc(elementId.length + 1 + 16, 0xff)
  head.write(`${elementId}\0`, 0, 'latin1')
  head.writeUInt32BE(startMs, elementId.length + 1)
  head.writeUInt32BE(endMs, elementId.length + 5)
  return { id: 'CHAP', flags: 0, body: Buffer.concat([head, serializeFrames(sub, version)]) }
}

/** What the 2018 ffmpeg writes: TIT2, TSSE, CHAP frames with a title each, no CTOC, a little padding. */
function ffmpegTag(version: 3 | 4 = 3): Buffer {
  return serializeId3Tag({
    version,
    padding: 10,
    frames: [
      title('Episode'),
      { id: 'TSSE', flags: 0, body: Buffer.from('\0Lavf58.24.100\0', 'latin1') },
      chap('ch0', 0, 4500, [title('Ä new one', 1)], version),
      chap('ch1', 4500, 10_000, [title('Second')], version),
    ],
  })
}

describe('ID3 frames', () => {
  it('reads the tag length from the header and round-trips a tag', () => {
    for (const version of [3, 4] as const) {
      const tag = ffmpegTag(version)
      expect(id3TagLength(tag)).toBe(tag.length)
      expect(serializeId3Tag(parseId3Tag(tag)).equals(tag)).toBe(true)
    }
    expect(id3TagLength(Buffer.from('not a tag at all'))).toBeNull()
  })

  it('decodes every text encoding', () => {
    expect(decodeId3Text(0, Buffer.from('caf\xe9', 'latin1'))).toBe('café')
    expect(
      decodeId3Text(1, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Grüße 🎙', 'utf16le')])),
    ).toBe('Grüße 🎙')
    const be = Buffer.from('Grüße', 'utf16le').swap16()
    expect(decodeId3Text(1, Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toBe('Grüße')
    expect(decodeId3Text(2, be)).toBe('Grüße')
    expect(decodeId3Text(3, Buffer.from('Grüße', 'utf8'))).toBe('Grüße')
  })

  it('refuses layouts it does not handle instead of guessing', () => {
    const unsync = Buffer.from(ffmpegTag())
    unsync[5] = 0x80
    expect(() => parseId3Tag(unsync)).toThrow(/unsynchronisation/)
    const v2 = Buffer.from(ffmpegTag())
    v2[3] = 2
    expect(() => parseId3Tag(v2)).toThrow(/ID3v2.2/)
    expect(() => parseId3Tag(ffmpegTag().subarray(0, 40))).toThrow(/cut short/)
  })
})

describe('ID3 chapters', () => {
  it('reads CHAP frames with their titles', () => {
    const { chapters, tocs } = readId3Chapters(ffmpegTag())
    expect(chapters).toEqual([
      { elementId: 'ch0', startMs: 0, endMs: 4500, title: 'Ä new one', link: null },
      { elementId: 'ch1', startMs: 4500, endMs: 10_000, title: 'Second', link: null },
    ])
    expect(tocs).toEqual([])
  })

  it.each([3, 4] as const)('adds WXXX links and a top-level ordered CTOC (ID3v2.%i)', (version) => {
    const links = new Map([[4500, 'https://example.org/a?b=%C3%BC']])
    const completed = completeId3Chapters(ffmpegTag(version), (start) => links.get(start) ?? null)
    const { chapters, tocs } = readId3Chapters(completed)
    expect(chapters.map((c) => [c.elementId, c.title, c.link])).toEqual([
      ['ch0', 'Ä new one', null],
      ['ch1', 'Second', 'https://example.org/a?b=%C3%BC'],
    ])
    expect(tocs).toEqual([{ elementId: 'toc', topLevel: true, ordered: true, children: ['ch0', 'ch1'] }])
    const frames = parseId3Tag(completed).frames.map((f) => f.id)
    expect(frames).toEqual(['TIT2', 'TSSE', 'CTOC', 'CHAP', 'CHAP'])
  })

  it('replaces old links, keeps an existing CTOC and is idempotent', () => {
    const once = completeId3Chapters(ffmpegTag(), () => 'https://example.org/old')
    const twice = completeId3Chapters(once, (start) => (start === 0 ? 'https://example.org/new' : null))
    expect(readId3Chapters(twice).chapters.map((c) => c.link)).toEqual(['https://example.org/new', null])
    expect(readId3Chapters(twice).tocs).toHaveLength(1)
    expect(
      completeId3Chapters(twice, (start) => (start === 0 ? 'https://example.org/new' : null)).equals(twice),
    ).toBe(true)
  })

  it('refuses links that are not ASCII and tables of more than 255 chapters', () => {
    expect(() => completeId3Chapters(ffmpegTag(), () => 'https://example.org/ü')).toThrow(/not ASCII/)
    const many = serializeId3Tag({
      version: 3,
      padding: 0,
      frames: Array.from({ length: 256 }, (_, i) => chap(`ch${i}`, i * 10, i * 10 + 10, [title(`C${i}`)])),
    })
    expect(() => completeId3Chapters(many, () => null)).toThrow(/at most 255/)
  })
})
