import { describe, expect, it } from 'vitest'
import { planRendition, renditionFileName } from '../../../src/main/media/images/geometry'
import {
  type ExistingRendition,
  type ResponsivePlan,
  resolveImageForSlot,
  resolveImagesForSlots,
} from '../../../src/main/media/images/planner'
import { plan } from './planner-helpers'

const ORIGINAL_URL = '/media/original_images/photo.jpg'

/** Stored renditions for `specs`, with the sizes Wagtail would give them and Wagtail's file names. */
function stored(
  responsive: ResponsivePlan,
  specs: readonly string[] = responsive.specs,
): Map<string, ExistingRendition> {
  const { original } = responsive
  return new Map(
    specs.map((spec) => {
      const { width, height, format } = planRendition(spec, original)
      return [
        spec,
        { url: `/media/images/${renditionFileName('photo.jpg', spec, '', format)}`, width, height },
      ]
    }),
  )
}

describe('resolveImageForSlot, django-cast.md §1.6', () => {
  it('3000x2000 jpg, regular: every rendition present', () => {
    const responsive = plan(3000, 2000, 'jpeg')
    expect(resolveImageForSlot(responsive, 0, stored(responsive), ORIGINAL_URL)).toEqual({
      slot: { width: 1110, height: 740 },
      role: 'regular',
      width: 1110,
      height: 740,
      sizes: '1110px',
      specs: ['width-1110', 'width-2220', 'width-1110|format-avif', 'width-2220|format-avif'],
      usesOriginal: false,
      sources: [
        {
          format: 'jpeg',
          src: '/media/images/photo.width-1110.jpg',
          srcset: [
            {
              url: '/media/images/photo.width-1110.jpg',
              width: 1110,
              height: 740,
              realWidth: 1110,
              spec: 'width-1110',
            },
            {
              url: '/media/images/photo.width-2220.jpg',
              width: 2220,
              height: 1480,
              realWidth: 2220,
              spec: 'width-2220',
            },
          ],
        },
        {
          format: 'avif',
          src: '/media/images/photo.width-1110.format-avif.avif',
          srcset: [
            {
              url: '/media/images/photo.width-1110.format-avif.avif',
              width: 1110,
              height: 740,
              realWidth: 1110,
              spec: 'width-1110|format-avif',
            },
            {
              url: '/media/images/photo.width-2220.format-avif.avif',
              width: 2220,
              height: 1480,
              realWidth: 2220,
              spec: 'width-2220|format-avif',
            },
          ],
        },
      ],
    })
  })

  it('1600x900: reports the real 1110x624, not django-cast’s slot height 740', () => {
    const responsive = plan(1600, 900, 'jpeg')
    const image = resolveImageForSlot(responsive, 0, stored(responsive), ORIGINAL_URL)
    expect([image.width, image.height, image.sizes]).toEqual([1110, 624, '1110px'])
    expect(image.sources[0]?.srcset[0]).toMatchObject({ width: 1110, height: 624 })
  })

  it('1200x800: the original stands in for jpeg, format-avif with its real width for avif', () => {
    const responsive = plan(1200, 800, 'jpeg')
    expect(resolveImageForSlot(responsive, 0, stored(responsive), ORIGINAL_URL)).toEqual({
      slot: { width: 1110, height: 740 },
      role: 'regular',
      width: 1200,
      height: 800,
      sizes: '1110px',
      specs: ['format-avif'],
      usesOriginal: true,
      sources: [
        {
          format: 'jpeg',
          src: ORIGINAL_URL,
          srcset: [{ url: ORIGINAL_URL, width: 1200, height: 800, realWidth: 1200, spec: null }],
        },
        {
          format: 'avif',
          src: '/media/images/photo.format-avif.avif',
          srcset: [
            {
              url: '/media/images/photo.format-avif.avif',
              width: 1200,
              height: 800,
              realWidth: 1200,
              spec: 'format-avif',
            },
          ],
        },
      ],
    })
  })

  it('800x600 png: nominal 987w descriptors, real 800x600 size', () => {
    const responsive = plan(800, 600, 'png')
    const image = resolveImageForSlot(responsive, 0, stored(responsive), '/media/original_images/photo.png')
    expect([image.width, image.height, image.sizes, image.usesOriginal]).toEqual([800, 600, '987px', false])
    expect(image.sources).toEqual([
      {
        format: 'jpeg',
        src: '/media/images/photo.format-jpeg.jpg',
        srcset: [
          {
            url: '/media/images/photo.format-jpeg.jpg',
            width: 987,
            height: 600,
            realWidth: 800,
            spec: 'format-jpeg',
          },
        ],
      },
      {
        format: 'avif',
        src: '/media/images/photo.format-avif.avif',
        srcset: [
          {
            url: '/media/images/photo.format-avif.avif',
            width: 987,
            height: 600,
            realWidth: 800,
            spec: 'format-avif',
          },
        ],
      },
    ])
  })
})

describe('resolveImageForSlot with missing renditions', () => {
  it('leaves out missing renditions and has no src without the 1x one', () => {
    const responsive = plan(3000, 2000, 'jpeg')
    const image = resolveImageForSlot(
      responsive,
      0,
      stored(responsive, ['width-2220', 'width-1110|format-avif']),
      ORIGINAL_URL,
    )
    expect(image.sources.map((s) => [s.format, s.src, s.srcset.map((e) => e.width)])).toEqual([
      ['jpeg', null, [2220]],
      ['avif', '/media/images/photo.width-1110.format-avif.avif', [1110]],
    ])
    expect([image.width, image.height]).toEqual([1110, 740])
  })

  it('takes the size from the preferred format’s 1x rendition', () => {
    const responsive = plan(3000, 2000, 'jpeg')
    const renditions = new Map([
      ['width-1110', { url: '/a.jpg', width: 1110, height: 739 }],
      ['width-1110|format-avif', { url: '/a.avif', width: 1110, height: 741 }],
    ])
    expect(resolveImageForSlot(responsive, 0, renditions, ORIGINAL_URL)).toMatchObject({
      width: 1110,
      height: 739,
    })
  })

  it('predicts the size when nothing has been made yet', () => {
    const responsive = plan(1600, 900, 'jpeg')
    const image = resolveImageForSlot(responsive, 0, new Map(), ORIGINAL_URL)
    expect([image.width, image.height]).toEqual([1110, 624])
    expect(image.sources).toEqual([
      { format: 'jpeg', src: null, srcset: [] },
      { format: 'avif', src: null, srcset: [] },
    ])
  })

  it('has no avif entry in the fallback when format-avif is missing', () => {
    const responsive = plan(1200, 800, 'jpeg')
    const image = resolveImageForSlot(responsive, 0, new Map(), ORIGINAL_URL)
    expect(image.sources[1]).toEqual({ format: 'avif', src: null, srcset: [] })
    expect(image.sources[0]?.src).toBe(ORIGINAL_URL)
  })
})

describe('resolveImagesForSlots, galleries', () => {
  it('resolves modal and thumbnail of 4000x6000 with fitting width × real height', () => {
    const responsive = plan(4000, 6000, 'jpeg', 'gallery')
    const [modal, thumbnail] = resolveImagesForSlots(responsive, stored(responsive), ORIGINAL_URL)
    expect([modal?.role, modal?.width, modal?.height, modal?.sizes]).toEqual(['modal', 493, 739, '493px'])
    expect([thumbnail?.role, thumbnail?.width, thumbnail?.height, thumbnail?.sizes]).toEqual([
      'thumbnail',
      53,
      79,
      '53px',
    ])
    expect(thumbnail?.sources[0]?.srcset.map((e) => e.url)).toEqual([
      '/media/images/photo.width-53.srgb.jpg',
      '/media/images/photo.width-106.srgb.jpg',
      '/media/images/photo.width-159.srgb.jpg',
    ])
    expect(thumbnail?.specs).toEqual([
      'width-53|srgb',
      'width-106|srgb',
      'width-159|srgb',
      'width-53|srgb|format-avif',
      'width-106|srgb|format-avif',
      'width-159|srgb|format-avif',
    ])
  })

  it('keeps old thumbnails visible through their sRGB counterparts', () => {
    const responsive = plan(6000, 4000, 'jpeg', 'gallery')
    const old = stored(responsive, ['width-120', 'width-240', 'width-120|format-avif'])
    const thumbnail = resolveImageForSlot(responsive, 1, old, ORIGINAL_URL)
    expect(thumbnail.sources).toEqual([
      {
        format: 'jpeg',
        src: '/media/images/photo.width-120.jpg',
        srcset: [
          {
            url: '/media/images/photo.width-120.jpg',
            width: 120,
            height: 80,
            realWidth: 120,
            spec: 'width-120',
          },
          {
            url: '/media/images/photo.width-240.jpg',
            width: 240,
            height: 160,
            realWidth: 240,
            spec: 'width-240',
          },
        ],
      },
      {
        format: 'avif',
        src: '/media/images/photo.width-120.format-avif.avif',
        srcset: [
          {
            url: '/media/images/photo.width-120.format-avif.avif',
            width: 120,
            height: 80,
            realWidth: 120,
            spec: 'width-120|format-avif',
          },
        ],
      },
    ])
  })

  it('does not use counterparts outside the thumbnail slot', () => {
    const responsive = plan(6000, 4000, 'jpeg', 'gallery')
    const modal = resolveImageForSlot(responsive, 0, stored(responsive, ['width-1110|srgb']), ORIGINAL_URL)
    expect(modal.sources[0]).toEqual({ format: 'jpeg', src: null, srcset: [] })
  })

  it('prefers the planned sRGB file in a thumbnail fallback, and takes django-cast’s format-avif otherwise', () => {
    const responsive = plan(100, 80, 'jpeg', 'gallery')
    const both = resolveImageForSlot(
      responsive,
      1,
      stored(responsive, ['format-avif', 'srgb|format-avif']),
      ORIGINAL_URL,
    )
    expect(both.sources[1]?.srcset).toEqual([
      {
        url: '/media/images/photo.srgb.format-avif.avif',
        width: 100,
        height: 80,
        realWidth: 100,
        spec: 'srgb|format-avif',
      },
    ])
    const plain = resolveImageForSlot(responsive, 1, stored(responsive, ['format-avif']), ORIGINAL_URL)
    expect(plain.sources[1]?.src).toBe('/media/images/photo.format-avif.avif')
    expect([plain.width, plain.height, plain.sizes, plain.usesOriginal]).toEqual([100, 80, '100px', true])
  })

  it('falls back to the original for a 1x10000 image (fitting width 0)', () => {
    const responsive = plan(1, 10000, 'png', 'gallery', { imageFormats: ['webp', 'jpeg'] })
    const [modal] = resolveImagesForSlots(responsive, stored(responsive), '/media/original_images/tall.png')
    expect(modal).toEqual({
      slot: { width: 1110, height: 740 },
      role: 'modal',
      width: 1,
      height: 10000,
      sizes: '0px',
      specs: ['width-0|format-webp', 'width-0|format-jpeg'],
      usesOriginal: true,
      sources: [
        { format: 'webp', src: null, srcset: [] },
        { format: 'jpeg', src: null, srcset: [] },
      ],
    })
  })

  it('rejects a slot the plan does not have', () => {
    expect(() => resolveImageForSlot(plan(10, 10, 'jpeg'), 3, new Map(), ORIGINAL_URL)).toThrow(
      /no slot number 3/,
    )
  })
})
