import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { deflateSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { snapshotLibrary } from '../../helpers/library-snapshot'
import { makeDir } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'

const GDK_FAIL = '/usr/libexec/installed-tests/gdk-pixbuf/test-images/fail'

/** A PNG whose header says 30000×30000 pixels (a decompression bomb); only a few rows follow. */
function pngBomb(): Buffer {
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

describe('hostile images', () => {
  const root = tempDir()
  let t: TestLibrary

  beforeAll(async () => {
    t = await openTestLibrary(join(root, 'lib'))
  })

  it('refuses a 30000×30000 PNG with a clear error and decodes nothing', async () => {
    const path = join(makeDir(root, 'bomb'), 'huge.png')
    writeFileSync(path, pngBomb())
    const [outcome] = await t.call('media.import', { paths: [path] }, t.as('alice'))
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'file_too_large' } })
    expect(outcome?.error?.message).toMatch(/30000×30000 pixels/)
  })

  it('gives every corrupt image of gdk-pixbuf’s test suite its own error, with no crash and no change', async () => {
    expect(existsSync(GDK_FAIL), 'install Debian’s gdk-pixbuf-tests (.ci/run does)').toBe(true)
    const before = snapshotLibrary(t.library.dir)
    const outcomes = await t.call('media.import', { paths: [GDK_FAIL] }, t.as('alice'))
    expect(outcomes).toHaveLength(readdirSync(GDK_FAIL).length)
    for (const outcome of outcomes) {
      expect(outcome.status, outcome.path).toBe('error')
      expect(['corrupt_media', 'unsupported_media', 'empty_file', 'file_too_large']).toContain(
        outcome.error?.code,
      )
    }
    expect(snapshotLibrary(t.library.dir)).toBe(before)
  })
})
