import { join } from 'node:path'
import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'
import { focalPointKey, planRendition } from '../../../src/main/media/images/geometry'
import { makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'

describe('renditions', () => {
  const root = tempDir()
  let t: TestLibrary
  let imageId: number
  const alice = () => t.as('alice')

  beforeAll(async () => {
    t = await openTestLibrary(join(root, 'lib'), { avifEffort: 0 })
    await makeImage(join(root, 'studio.jpg'), 'jpeg', { width: 1000, height: 800, seed: 5 })
    const [outcome] = await t.call('media.import', { paths: [join(root, 'studio.jpg')] }, alice())
    imageId = outcome?.id as number
  })

  it.each([
    'original',
    'fill-300x300',
    'fill-400x400-c50',
    'max-200x200',
    'min-300x300',
    'width-500',
    'height-100',
    'scale-50',
    'width-2000',
    'fill-1000x100',
    'width-640|format-webp|webpquality-60',
    'max-300x300|format-png',
    'fill-120x80|format-avif',
    'width-300|bgcolor-f00|format-jpeg',
  ])('%s: the file has exactly the size the spec promises', async (spec) => {
    const rendition = await t.call('images.rendition', { id: imageId, spec }, alice())
    const promised = planRendition(spec, { width: 1000, height: 800, format: 'jpeg' })
    const meta = await sharp(rendition.path as string).metadata()
    expect([meta.width, meta.height]).toEqual([promised.width, promised.height])
    expect([rendition.width, rendition.height]).toEqual([promised.width, promised.height])
    expect(meta.format).toBe(promised.format === 'avif' ? 'heif' : promised.format)
    expect(rendition.path).toMatch(/\/media\/images\/studio\./)
  })

  it('encodes nothing the second time a spec is asked for', async () => {
    const first = await t.call('images.rendition', { id: imageId, spec: 'fill-160x90' }, alice())
    const { decodes, encodes } = t.library.imaging.executor
    const again = await t.call('images.rendition', { id: imageId, spec: 'fill-160x90' }, alice())
    expect(t.library.imaging.executor.encodes).toBe(encodes)
    expect(t.library.imaging.executor.decodes).toBe(decodes)
    expect(again).toEqual(first)
  })

  it('decodes the original once for a whole picture', async () => {
    const { decodes, encodes } = t.library.imaging.executor
    const picture = await t.call('images.picture', { id: imageId, slot: 'gallery' }, alice())
    expect(t.library.imaging.executor.decodes - decodes).toBe(1)
    expect(t.library.imaging.executor.encodes - encodes).toBe(picture.specs.length)
  })

  it('puts the focal point key in fill renditions and makes new ones when it changes', async () => {
    const before = await t.call('images.rendition', { id: imageId, spec: 'fill-200x200' }, alice())
    expect(before.path).toMatch(/studio\.2e16d0ba\.fill-200x200\.jpg$/)
    const set = await t.call(
      'images.focal',
      { id: imageId, focal: { x: 800, y: 600, width: 100, height: 100 } },
      alice(),
    )
    expect(set.renditions_removed).toBeGreaterThan(0)
    const after = await t.call('images.rendition', { id: imageId, spec: 'fill-200x200' }, alice())
    const key = focalPointKey({ x: 800, y: 600, width: 100, height: 100 })
    expect(after.path).toMatch(new RegExp(`studio\\.${key}\\.fill-200x200\\.jpg$`))
    expect(after.path).not.toBe(before.path)
    await t.call('images.focal', { id: imageId, focal: null }, alice())
    const cleared = await t.call('images.rendition', { id: imageId, spec: 'fill-200x200' }, alice())
    expect(cleared.path).toMatch(/studio\.2e16d0ba\.fill-200x200\.jpg$/)
  })

  it('refuses a focal point outside the image', async () => {
    await expect(
      t.call('images.focal', { id: imageId, focal: { x: 5000, y: 10, width: 10, height: 10 } }, alice()),
    ).rejects.toMatchObject({ code: 'invalid_input' })
  })

  it('names the bad part of an invalid spec and decodes nothing', async () => {
    const { decodes } = t.library.imaging.executor
    await expect(
      t.call('images.rendition', { id: imageId, spec: 'fill-300x300|blur-5' }, alice()),
    ).rejects.toMatchObject({
      code: 'invalid_spec',
      message: expect.stringContaining('blur'),
    })
    expect(t.library.imaging.executor.decodes).toBe(decodes)
  })

  it('says not found for another user’s image', async () => {
    await expect(
      t.call('images.rendition', { id: imageId, spec: 'width-100' }, t.as('bob')),
    ).rejects.toMatchObject({
      code: 'not_found',
    })
  })
})
