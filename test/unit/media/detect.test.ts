import { describe, expect, it } from 'vitest'
import { sniff } from '../../../src/main/media/detect'

const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))))

describe('sniff', () => {
  it('recognises an MP3 by its ID3 header even when the tag is larger than the header read', async () => {
    const id3 = bytes('ID3', [3, 0, 0, 0x7f, 0x7f, 0x7f, 0x7f], Buffer.alloc(64).toString('latin1'))
    expect(await sniff(id3, 'bin')).toEqual({ kind: 'audio', format: 'mp3', mime: 'audio/mpeg' })
  })

  it('recognises a PNG whatever the extension says', async () => {
    const png = bytes(
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0, 0, 0, 13],
      'IHDR',
      Buffer.alloc(17).toString('latin1'),
    )
    expect(await sniff(png, 'jpg')).toEqual({ kind: 'image', format: 'png', mime: 'image/png' })
  })

  it('recognises WAV, RF64, Wave64, FLAC and AIFF as masters by their bytes', async () => {
    const wav = bytes('RIFF', [36, 0, 0, 0], 'WAVEfmt ', Buffer.alloc(32).toString('latin1'))
    expect(await sniff(wav, 'mp3')).toEqual({ kind: 'master', format: 'wav', mime: 'audio/wav' })
    const rf64 = bytes('RF64', [0xff, 0xff, 0xff, 0xff], 'WAVEds64', Buffer.alloc(32).toString('latin1'))
    expect(await sniff(rf64, 'wav')).toMatchObject({ kind: 'master', format: 'wav' })
    const w64 = Buffer.concat([Buffer.from('726966662e91cf11a5d628db04c10000', 'hex'), Buffer.alloc(64)])
    expect(await sniff(w64, 'w64')).toMatchObject({ kind: 'master', format: 'wav' })
    const flac = bytes('fLaC', [0, 0, 0, 34], Buffer.alloc(40).toString('latin1'))
    expect(await sniff(flac, 'wav')).toEqual({ kind: 'master', format: 'flac', mime: 'audio/flac' })
    const aiff = bytes('FORM', [0, 0, 0, 50], 'AIFFCOMM', Buffer.alloc(40).toString('latin1'))
    expect(await sniff(aiff, 'aif')).toMatchObject({ kind: 'master', format: 'aiff' })
  })

  it('tells a BMP from text that happens to begin with "BM"', async () => {
    const bmp = bytes(
      'BM',
      [70, 0, 0, 0],
      [0, 0, 0, 0],
      [54, 0, 0, 0],
      [40, 0, 0, 0],
      Buffer.alloc(40).toString('latin1'),
    )
    expect(await sniff(bmp, 'txt')).toMatchObject({ kind: 'unsupported', label: 'BMP image' })
    expect(await sniff(Buffer.from('BMW service notes: oil, brakes\n'), 'txt')).toEqual({
      kind: 'file',
      mime: 'text/plain',
    })
    expect(await sniff(Buffer.from('BMx2mTQ0fHhkAAAAZmFrZQ==', 'latin1'), 'txt')).toEqual({
      kind: 'file',
      mime: 'text/plain',
    })
  })

  it('falls back to the extension only for plain text formats', async () => {
    const text = Buffer.from('Show notes\n- intro\n- interview\n')
    expect(await sniff(text, 'md')).toEqual({ kind: 'file', mime: 'text/markdown' })
    expect(await sniff(text, 'xyz')).toEqual({ kind: 'file', mime: 'application/octet-stream' })
  })

  it('classifies a PDF as a file with its MIME type', async () => {
    expect(await sniff(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), 'pdf')).toEqual({
      kind: 'file',
      mime: 'application/pdf',
    })
  })
})
