import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { endsWhole } from '../../../src/main/media/images/image-complete'
import { probeImage } from '../../../src/main/media/images/image-probe'
import { makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'

/** Cuts at these fractions of the file, from a header-only stub to a missing last byte. */
const CUTS = [0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99]

async function probeCode(path: string): Promise<string> {
  try {
    await probeImage(path, 'photo')
    return 'ok'
  } catch (error) {
    return (error as { code: string }).code
  }
}

describe('truncated images are caught without decoding whole ones', () => {
  const dir = tempDir()
  const whole: Record<'jpeg' | 'png', Buffer> = { jpeg: Buffer.alloc(0), png: Buffer.alloc(0) }

  beforeAll(async () => {
    for (const format of ['jpeg', 'png'] as const) {
      whole[format] = readFileSync(
        await makeImage(join(dir, `whole.${format}`), format, { width: 600, height: 400 }),
      )
    }
  })

  for (const format of ['jpeg', 'png'] as const) {
    it(`a whole ${format} is proven whole and imports`, async () => {
      const path = join(dir, `whole.${format}`)
      expect(await endsWhole(path, format)).toBe(true)
      expect(await probeCode(path)).toBe('ok')
    })

    it(`a ${format} cut anywhere in its image data is refused as corrupt`, async () => {
      const bytes = whole[format]
      // A PNG cut inside its closing IEND chunk still holds every pixel (and decodes): not counted.
      const end = format === 'png' ? bytes.length - 12 : bytes.length
      const lengths = [...CUTS.map((f) => Math.floor(end * f)), end - 1]
      for (const length of lengths) {
        const path = join(dir, `cut-${length}.${format}`)
        writeFileSync(path, bytes.subarray(0, length))
        expect(await endsWhole(path, format), `${format} cut at ${length}`).toBe(false)
        expect(await probeCode(path), `${format} cut at ${length}`).toBe('corrupt_media')
      }
    })
  }

  it('decodes a JPEG with bytes after its end (not proven whole) and still imports it', async () => {
    const path = join(dir, 'trailing.jpg')
    writeFileSync(path, Buffer.concat([whole.jpeg, Buffer.from('camera trailer')]))
    expect(await endsWhole(path, 'jpeg')).toBe(false)
    expect(await probeCode(path)).toBe('ok')
  })

  it('refuses a JPEG cut right after the EOI of the thumbnail its EXIF block holds', async () => {
    const thumbnail = readFileSync(await makeImage(join(dir, 'thumb.jpg'), 'jpeg', { width: 16, height: 12 }))
    const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), thumbnail])
    const app1 = Buffer.concat([
      Buffer.from([0xff, 0xe1, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]),
      payload,
    ])
    const withThumbnail = Buffer.concat([whole.jpeg.subarray(0, 2), app1, whole.jpeg.subarray(2)])
    const full = join(dir, 'with-thumbnail.jpg')
    writeFileSync(full, withThumbnail)
    expect(await endsWhole(full, 'jpeg')).toBe(true)
    const cut = join(dir, 'cut-after-thumbnail.jpg')
    const cutBytes = withThumbnail.subarray(0, 2 + app1.length)
    expect([...cutBytes.subarray(-2)]).toEqual([0xff, 0xd9])
    writeFileSync(cut, cutBytes)
    expect(await endsWhole(cut, 'jpeg')).toBe(false)
    expect(await probeCode(cut)).toBe('corrupt_media')
  })

  it('refuses a PNG whose image data was damaged (a CRC that does not match)', async () => {
    const damaged = Buffer.from(whole.png)
    const idat = damaged.indexOf('IDAT', 8, 'latin1')
    damaged[idat + 40] = (damaged[idat + 40] as number) ^ 0xff
    const path = join(dir, 'damaged.png')
    writeFileSync(path, damaged)
    expect(await endsWhole(path, 'png')).toBe(false)
    expect(await probeCode(path)).toBe('corrupt_media')
  })
})
