import { deflateSync } from 'node:zlib'

/** Debian's gdk-pixbuf-tests (installed by .ci/run): images its loaders must refuse, and fuzzed ones. */
export const GDK_TEST_IMAGES = '/usr/libexec/installed-tests/gdk-pixbuf/test-images'
export const GDK_FAIL = `${GDK_TEST_IMAGES}/fail`
export const GDK_RANDOMLY_MODIFIED = `${GDK_TEST_IMAGES}/randomly-modified`

/** A PNG whose header says 30000×30000 pixels (a decompression bomb); only a few rows follow. */
export function pngBomb(): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (data: Buffer) => {
    let c = 0xffffffff
    for (const byte of data) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(8 + data.length + 4)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(crc(body), 8 + data.length)
    return out
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(30000, 0)
  header.writeUInt32BE(30000, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const rows = deflateSync(Buffer.alloc((30000 * 3 + 1) * 4))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', rows),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
