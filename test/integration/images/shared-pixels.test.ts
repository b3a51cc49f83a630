import { join } from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { planRendition, type SourceImage } from '../../../src/main/media/images/geometry'
import { RenditionExecutor } from '../../../src/main/media/images/rendition-executor'
import { makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'

// A batch makes the pixels of a size once for all its formats; each output must still be the very
// bytes its own pipeline (a batch of one) makes.
describe('renditions of one size in several formats', () => {
  const root = tempDir()
  const photo: SourceImage = { width: 900, height: 600, format: 'jpeg' }
  const logo: SourceImage = { width: 400, height: 300, format: 'png', hasAlpha: true }

  beforeAll(async () => {
    await makeImage(join(root, 'photo.jpg'), 'jpeg', { width: 900, height: 600, seed: 5 })
    const rgba = Buffer.alloc(400 * 300 * 4)
    for (let i = 0; i < rgba.length; i++) rgba[i] = Math.imul(i + 7, 2654435761) >>> 24
    await sharp(rgba, { raw: { width: 400, height: 300, channels: 4 } })
      .png()
      .toFile(join(root, 'logo.png'))
  })

  async function compare(file: string, source: SourceImage, specs: string[]) {
    const plans = specs.map((spec) => planRendition(spec, source))
    const batch = await new RenditionExecutor({ avifEffort: 0 }).render(join(root, file), source, plans, file)
    for (const [index, plan] of plans.entries()) {
      const [alone] = await new RenditionExecutor({ avifEffort: 0 }).render(
        join(root, file),
        source,
        [plan],
        file,
      )
      expect(batch[index]?.plan.spec).toBe(plan.spec)
      expect([batch[index]?.width, batch[index]?.height]).toEqual([alone?.width, alone?.height])
      expect(batch[index]?.data.equals(alone?.data as Buffer), plan.spec).toBe(true)
    }
    return batch
  }

  it('resized and cropped sizes of a photo, in JPEG and AVIF', async () => {
    const batch = await compare('photo.jpg', photo, [
      'width-900',
      'width-600',
      'width-600|format-avif',
      'width-301',
      'width-301|format-avif',
      'fill-200x200',
      'fill-200x200|format-avif',
    ])
    expect(batch.map((output) => [output.width, output.height])).toEqual([
      [900, 600],
      [600, 400],
      [600, 400],
      [301, 200],
      [301, 200],
      [200, 200],
      [200, 200],
    ])
  })

  it('an image with alpha: flattened for JPEG or onto its bgcolor, kept for PNG and AVIF', async () => {
    await compare('logo.png', logo, [
      'width-200',
      'width-200|format-jpeg',
      'width-200|format-avif',
      'width-200|bgcolor-1f6feb|format-avif',
      'width-200|bgcolor-1f6feb|format-jpeg',
      'width-200|format-png',
    ])
  })
})
