import { describe, expect, it } from 'vitest'
import { planRenditionSync } from '../../../src/main/media/images/planner'
import { plan } from './planner-helpers'

describe('planRenditionSync (django-cast sync_renditions)', () => {
  it('lists every planned spec as missing when nothing is stored', () => {
    const result = planRenditionSync([{ imageId: 7, plan: plan(1600, 900, 'jpeg') }], [])
    expect(result).toEqual({
      missing: [{ imageId: 7, specs: ['width-1110', 'width-1110|format-avif'] }],
      obsolete: [],
    })
  })

  it('subtracts stored renditions and keeps unrelated ones', () => {
    const result = planRenditionSync(
      [{ imageId: 7, plan: plan(1600, 900, 'jpeg') }],
      [
        { imageId: 7, spec: 'width-1110' },
        { imageId: 7, spec: 'width-400' },
        { imageId: 7, spec: 'fill-80x80|format-webp' },
      ],
    )
    expect(result).toEqual({ missing: [{ imageId: 7, specs: ['width-1110|format-avif'] }], obsolete: [] })
  })

  it('merges regular and gallery uses of one image and orders images by first use', () => {
    const result = planRenditionSync(
      [
        { imageId: 2, plan: plan(6000, 4000, 'jpeg', 'gallery') },
        { imageId: 1, plan: plan(1600, 900, 'jpeg') },
        { imageId: 2, plan: plan(6000, 4000, 'jpeg') },
      ],
      [],
    )
    expect(result.missing.map((m) => m.imageId)).toEqual([2, 1])
    expect(result.missing[0]?.specs).toEqual([
      'width-1110',
      'width-2220',
      'width-3330',
      'width-1110|format-avif',
      'width-2220|format-avif',
      'width-3330|format-avif',
      'width-120|srgb',
      'width-240|srgb',
      'width-360|srgb',
      'width-120|srgb|format-avif',
      'width-240|srgb|format-avif',
      'width-360|srgb|format-avif',
    ])
  })

  it('deletes only the sRGB counterparts of gallery thumbnail specs', () => {
    const gallery = plan(6000, 4000, 'jpeg', 'gallery')
    const result = planRenditionSync(
      [{ imageId: 3, plan: gallery }],
      [
        { imageId: 3, spec: 'width-120' },
        { imageId: 3, spec: 'width-360|format-avif' },
        { imageId: 3, spec: 'width-120|srgb' },
        { imageId: 3, spec: 'width-1110|srgb' },
        { imageId: 3, spec: 'max-165x165' },
        { imageId: 3, spec: 'format-webp' },
        { imageId: 3, spec: 'fill-1x1' },
        { imageId: 4, spec: 'width-120' },
      ],
    )
    expect(result.obsolete).toEqual([
      { imageId: 3, spec: 'width-120' },
      { imageId: 3, spec: 'width-360|format-avif' },
    ])
    expect(result.missing[0]?.specs).not.toContain('width-120|srgb')
  })

  it('keeps a counterpart that another use of the image requires', () => {
    const result = planRenditionSync(
      [
        { imageId: 5, plan: plan(6000, 4000, 'jpeg', 'gallery') },
        { imageId: 5, plan: plan(200, 100, 'jpeg', 'regular', { slots: [{ width: 120, height: 60 }] }) },
      ],
      [{ imageId: 5, spec: 'width-120' }],
    )
    expect(plan(200, 100, 'jpeg', 'regular', { slots: [{ width: 120, height: 60 }] }).specs).toContain(
      'width-120',
    )
    expect(result.obsolete).toEqual([])
  })

  it('removes the sRGB versions when the sRGB setting is switched off', () => {
    const result = planRenditionSync(
      [{ imageId: 9, plan: plan(6000, 4000, 'jpeg', 'gallery', { thumbnailSrgb: false }) }],
      [
        { imageId: 9, spec: 'width-120|srgb' },
        { imageId: 9, spec: 'width-120' },
      ],
    )
    expect(result.obsolete).toEqual([{ imageId: 9, spec: 'width-120|srgb' }])
  })

  it('never deletes renditions of regular-only images', () => {
    const result = planRenditionSync(
      [{ imageId: 1, plan: plan(6000, 4000, 'jpeg') }],
      [{ imageId: 1, spec: 'width-120' }],
    )
    expect(result.obsolete).toEqual([])
  })
})
