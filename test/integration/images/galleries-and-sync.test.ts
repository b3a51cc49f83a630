import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'

describe('galleries and sync_renditions', () => {
  const root = tempDir()
  let t: TestLibrary
  const ids: number[] = []
  const alice = () => t.as('alice')
  const specsOf = (imageId: number) => t.library.imaging.storedRenditions.forImage(imageId).map((r) => r.spec)

  beforeAll(async () => {
    t = await openTestLibrary(join(root, 'lib'), { avifEffort: 0, imageFormats: ['jpeg', 'webp'] })
    for (const [index, size] of [
      [900, 600],
      [600, 900],
      [400, 400],
    ].entries()) {
      const path = await makeImage(join(root, `g${index}.jpg`), 'jpeg', {
        width: size[0],
        height: size[1],
        seed: index + 20,
      })
      const [outcome] = await t.call('media.import', { paths: [path] }, alice())
      ids.push(outcome?.id as number)
    }
  })

  it('creates an ordered gallery (duplicates allowed), reuses it for the same list, and queues its renditions', async () => {
    const order = [ids[1], ids[0], ids[1]] as number[]
    const created = await t.call('galleries.create', { imageIds: order }, alice())
    expect(created).toMatchObject({ created: true, queued: 2 })
    const again = await t.call('galleries.create', { imageIds: order }, alice())
    expect(again).toEqual({ id: created.id, created: false, queued: 2 })

    const run = await t.call('jobs.run', {}, alice())
    expect(run.failed).toBe(0)
    const thumbnails = specsOf(ids[0] as number).filter((s) => s.includes('srgb'))
    expect(thumbnails.length).toBeGreaterThan(0)
    expect(await t.call('galleries.renditions', { id: created.id }, alice())).toEqual({
      id: created.id,
      images: 2,
      created: 0,
    })
  })

  it('refuses another user’s images in a gallery', async () => {
    await expect(
      t.call('galleries.create', { imageIds: [ids[0] as number] }, t.as('bob')),
    ).rejects.toMatchObject({
      code: 'not_found',
    })
  })

  it('makes every missing rendition, then nothing, and removes only obsolete sRGB counterparts', async () => {
    const gallery = ids[0] as number
    const thumbSrgb = specsOf(gallery).find((s) => /^width-\d+\|srgb$/.test(s)) as string
    const counterpart = thumbSrgb.replace('|srgb', '')
    await t.call('images.rendition', { id: gallery, spec: counterpart }, alice())
    await t.call('images.rendition', { id: gallery, spec: 'width-77' }, alice())

    const first = await t.call('images.syncRenditions', {}, alice())
    expect(first.images).toBe(3)
    expect(first.created).toBe(first.missing)
    expect(first.missing).toBeGreaterThan(0)
    expect(first.obsolete).toBe(1)
    expect(specsOf(gallery)).not.toContain(counterpart)
    expect(specsOf(gallery)).toContain('width-77')

    const second = await t.call('images.syncRenditions', {}, alice())
    expect(second).toEqual({ images: 3, missing: 0, created: 0, obsolete: 0 })
  })
})
