import { describe, expect, it } from 'vitest'
import {
  fittingWidth,
  planResponsive,
  responsiveInput,
  roundHalfEven,
  srgbCounterpart,
} from '../../../src/main/media/images/planner'
import { defaultConfig } from '../../../src/shared/config-schema'
import { plan } from './planner-helpers'

describe('django-cast.md §1.6 worked examples', () => {
  it('3000x2000 jpg, regular: 1110 and 2220 in jpeg and avif; 3330 dropped', () => {
    const result = plan(3000, 2000, 'jpeg')
    expect(result.specs).toEqual([
      'width-1110',
      'width-2220',
      'width-1110|format-avif',
      'width-2220|format-avif',
    ])
    expect(result.slots[0]).toMatchObject({
      fittingWidth: 1110,
      usesOriginal: false,
      srgb: false,
      role: 'regular',
    })
  })

  it('3000x3000 jpg, regular: fit 740; 740/1480/2220 in jpeg and avif', () => {
    const result = plan(3000, 3000, 'jpeg')
    expect(result.specs).toEqual([
      'width-740',
      'width-1480',
      'width-2220',
      'width-740|format-avif',
      'width-1480|format-avif',
      'width-2220|format-avif',
    ])
    expect(result.slots[0]?.fittingWidth).toBe(740)
  })

  it('4000x6000 jpg, gallery: 493/986/1479 and 53/106/159 with srgb', () => {
    const result = plan(4000, 6000, 'jpeg', 'gallery')
    expect(result.specs).toEqual([
      'width-493',
      'width-986',
      'width-1479',
      'width-493|format-avif',
      'width-986|format-avif',
      'width-1479|format-avif',
      'width-53|srgb',
      'width-106|srgb',
      'width-159|srgb',
      'width-53|srgb|format-avif',
      'width-106|srgb|format-avif',
      'width-159|srgb|format-avif',
    ])
    expect(result.slots.map((s) => [s.role, s.fittingWidth, s.srgb])).toEqual([
      ['modal', 493, false],
      ['thumbnail', 53, true],
    ])
  })

  it('6000x4000 jpg, gallery: 1110/2220/3330 and 120/240/360 with srgb', () => {
    expect(plan(6000, 4000, 'jpeg', 'gallery').specs).toEqual([
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

  it('1600x900 jpg, regular: 2220 > 1280 so only 1110', () => {
    expect(plan(1600, 900, 'jpeg').specs).toEqual(['width-1110', 'width-1110|format-avif'])
  })

  it('1200x800 jpg, regular: too small; format-avif only and the original stands in for jpeg', () => {
    const result = plan(1200, 800, 'jpeg')
    expect(result.specs).toEqual(['format-avif'])
    expect(result.slots[0]).toMatchObject({ fittingWidth: 1110, usesOriginal: true })
    expect(result.slots[0]?.formats).toEqual([
      { format: 'jpeg', renditions: [] },
      { format: 'avif', renditions: [{ spec: 'format-avif', format: 'avif', width: 1110, density: null }] },
    ])
  })

  it('800x600 png, regular: fit 987; format-jpeg and format-avif (png is not an output format)', () => {
    const result = plan(800, 600, 'png')
    expect(result.specs).toEqual(['format-jpeg', 'format-avif'])
    expect(result.slots[0]).toMatchObject({ fittingWidth: 987, usesOriginal: false })
  })
})

describe('planResponsive rules', () => {
  it('keeps a width of exactly 80 % of the original and drops one just above', () => {
    expect(plan(925, 925, 'jpeg').specs).toEqual(['width-740', 'width-740|format-avif'])
    expect(plan(924, 924, 'jpeg').specs).toEqual(['format-avif'])
  })

  it('adds |format-X only for formats other than the original', () => {
    expect(
      plan(3000, 2000, 'webp', 'regular', { imageFormats: ['avif', 'webp', 'jpeg', 'png'] }).specs,
    ).toEqual([
      'width-1110|format-avif',
      'width-2220|format-avif',
      'width-1110',
      'width-2220',
      'width-1110|format-jpeg',
      'width-2220|format-jpeg',
      'width-1110|format-png',
      'width-2220|format-png',
    ])
  })

  it('converts every format of a GIF original', () => {
    const result = plan(5000, 2000, 'gif', 'regular', {
      imageFormats: ['jpeg'],
      slots: [
        { width: 1110, height: 740 },
        { width: 600, height: 400 },
      ],
    })
    expect(result.specs).toEqual([
      'width-1110|format-jpeg',
      'width-2220|format-jpeg',
      'width-3330|format-jpeg',
      'width-600|format-jpeg',
      'width-1200|format-jpeg',
      'width-1800|format-jpeg',
    ])
    expect(result.slots.map((s) => s.role)).toEqual(['regular', 'regular'])
  })

  it('puts srgb in front of a format-only spec on the thumbnail slot', () => {
    const result = plan(100, 80, 'jpeg', 'gallery')
    expect(result.specs).toEqual(['format-avif', 'srgb|format-avif'])
    expect(result.slots.map((s) => [s.fittingWidth, s.usesOriginal])).toEqual([
      [925, true],
      [100, true],
    ])
  })

  it('lists each spec once even when two slots need it', () => {
    expect(plan(100, 80, 'jpeg', 'gallery', { thumbnailSrgb: false }).specs).toEqual(['format-avif'])
  })

  it('without the sRGB setting, thumbnails get plain specs but may still fall back to sRGB counterparts', () => {
    const result = plan(4000, 3000, 'png', 'gallery', { imageFormats: ['png', 'webp'], thumbnailSrgb: false })
    expect(result.specs).toEqual([
      'width-987',
      'width-1974',
      'width-2961',
      'width-987|format-webp',
      'width-1974|format-webp',
      'width-2961|format-webp',
      'width-107',
      'width-214',
      'width-321',
      'width-107|format-webp',
      'width-214|format-webp',
      'width-321|format-webp',
    ])
    expect(result.slots.map((s) => [s.srgb, s.srgbCounterpartFallback])).toEqual([
      [false, false],
      [false, true],
    ])
  })

  it('treats a modal slot of the thumbnail’s size as the thumbnail, as django-cast does', () => {
    const result = plan(1000, 1000, 'jpeg', 'gallery', {
      imageFormats: ['jpeg'],
      slots: [
        { width: 120, height: 80 },
        { width: 120, height: 80 },
      ],
    })
    expect(result.specs).toEqual(['width-80|srgb', 'width-160|srgb', 'width-240|srgb'])
    expect(result.slots.map((s) => s.srgb)).toEqual([true, true])
  })

  it('ignores repeated formats', () => {
    expect(
      plan(3000, 2000, 'jpeg', 'regular', { imageFormats: ['jpeg', 'avif', 'jpeg'] }).imageFormats,
    ).toEqual(['jpeg', 'avif'])
  })

  it('falls back to the original for a 1x1 image', () => {
    const result = plan(1, 1, 'jpeg')
    expect(result.specs).toEqual(['format-avif'])
    expect(result.slots[0]).toMatchObject({ fittingWidth: 740, usesOriginal: true })
  })

  it('plans django-cast’s width-0 specs for a 1x10000 image, and falls back to the original', () => {
    const result = plan(1, 10000, 'png', 'gallery', { imageFormats: ['webp', 'jpeg'] })
    expect(result.specs).toEqual([
      'width-0|format-webp',
      'width-0|format-jpeg',
      'width-0|srgb|format-webp',
      'width-0|srgb|format-jpeg',
    ])
    expect(result.slots.map((s) => [s.fittingWidth, s.usesOriginal])).toEqual([
      [0, true],
      [0, true],
    ])
    expect(result.slots[0]?.formats[0]?.renditions.map((r) => r.density)).toEqual([1, 2, 3])
  })

  it('plans full densities for a 10000x1 image', () => {
    expect(plan(10000, 1, 'jpeg', 'gallery').specs).toEqual([
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

  it('records nominal widths and densities', () => {
    expect(plan(3000, 2000, 'jpeg').slots[0]?.formats[1]).toEqual({
      format: 'avif',
      renditions: [
        { spec: 'width-1110|format-avif', format: 'avif', width: 1110, density: 1 },
        { spec: 'width-2220|format-avif', format: 'avif', width: 2220, density: 2 },
      ],
    })
  })

  it('rejects impossible input', () => {
    expect(() => plan(0, 10, 'jpeg')).toThrow(expect.objectContaining({ code: 'invalid_input' }))
    expect(() => plan(10, 10, 'jpeg', 'gallery', { slots: [{ width: 1110, height: 740 }] })).toThrow(
      expect.objectContaining({ code: 'invalid_config' }),
    )
    expect(() => plan(10, 10, 'jpeg', 'regular', { slots: [] })).toThrow(/At least one regular image slot/)
    expect(() => plan(10, 10, 'jpeg', 'regular', { slots: [{ width: 0, height: 1 }] })).toThrow(
      /whole-number width/,
    )
    expect(() => plan(10, 10, 'jpeg', 'regular', { imageFormats: [] })).toThrow(/At least one image format/)
  })
})

describe('fitting width', () => {
  it('uses the slot width for images wider than the slot', () => {
    expect(fittingWidth({ width: 1600, height: 900 }, { width: 1110, height: 740 })).toBe(1110)
  })

  it('uses the slot height times the aspect for an image of exactly the slot’s aspect', () => {
    expect(fittingWidth({ width: 1200, height: 800 }, { width: 1110, height: 740 })).toBe(1110)
    expect(fittingWidth({ width: 3, height: 2 }, { width: 120, height: 80 })).toBe(120)
  })

  it('rounds halves to even like Python', () => {
    expect(fittingWidth({ width: 1, height: 8 }, { width: 1110, height: 740 })).toBe(92)
    expect(fittingWidth({ width: 3, height: 8 }, { width: 1110, height: 740 })).toBe(278)
    expect([0.5, 1.5, 2.5, 3.5, 2.4999, 2.5000001, 92.5, 277.5].map(roundHalfEven)).toEqual([
      0, 2, 2, 4, 2, 3, 92, 278,
    ])
  })
})

describe('srgbCounterpart', () => {
  it('adds or removes srgb', () => {
    expect(srgbCounterpart('width-120')).toBe('width-120|srgb')
    expect(srgbCounterpart('width-120|format-avif')).toBe('width-120|srgb|format-avif')
    expect(srgbCounterpart('width-120|srgb|format-avif')).toBe('width-120|format-avif')
    expect(srgbCounterpart('format-avif')).toBe('srgb|format-avif')
    expect(srgbCounterpart('srgb|format-avif')).toBe('format-avif')
  })

  it('has none for other specs', () => {
    expect(srgbCounterpart('max-165x165')).toBeNull()
    expect(srgbCounterpart('fill-80x80|format-webp')).toBeNull()
  })
})

describe('responsiveInput', () => {
  it('builds planner input from Castdesk’s configuration defaults', () => {
    const config = defaultConfig()
    const original = { width: 4000, height: 6000, format: 'jpeg' as const }
    expect(responsiveInput(config, 'gallery', original)).toEqual({
      original,
      kind: 'gallery',
      slots: [
        { width: 1110, height: 740 },
        { width: 120, height: 80 },
      ],
      imageFormats: ['jpeg', 'avif'],
      thumbnailSrgb: true,
    })
    expect(planResponsive(responsiveInput(config, 'regular', original)).specs).toEqual([
      'width-493',
      'width-986',
      'width-1479',
      'width-493|format-avif',
      'width-986|format-avif',
      'width-1479|format-avif',
    ])
  })
})
