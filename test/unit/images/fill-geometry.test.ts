import { describe, expect, it } from 'vitest'
import { planRendition } from '../../../src/main/media/images/geometry'
import { outcome } from './geometry-helpers'

describe('fill (Wagtail FillOperation run tests)', () => {
  it('crops the centre and shrinks', () => {
    expect(outcome('fill-800x600', 1000, 1000)).toEqual({
      rect: [0, 125, 1000, 875],
      size: [800, 600],
      crop: true,
      resize: true,
    })
  })

  it('rounds an oddly sized original outward (#968)', () => {
    expect(outcome('fill-200x200', 539, 720)).toMatchObject({ rect: [0, 90, 539, 630], size: [200, 200] })
  })

  it('ignores crop closeness without a focal point', () => {
    expect(outcome('fill-800x600-c100', 1000, 1000)).toMatchObject({
      rect: [0, 125, 1000, 875],
      size: [800, 600],
    })
  })

  it('moves the largest crop towards the focal point even without closeness', () => {
    expect(outcome('fill-80x60', 1000, 1000, [1000, 500, 0, 0])).toMatchObject({
      rect: [0, 125, 1000, 875],
      size: [80, 60],
    })
  })

  it('zooms as close as possible without upscaling', () => {
    expect(outcome('fill-80x60-c100', 1000, 1000, [1000, 500, 0, 0])).toEqual({
      rect: [920, 470, 1000, 530],
      size: [80, 60],
      crop: true,
      resize: false,
    })
    expect(outcome('fill-100x60-c100', 2000, 1000, [2000, 500, 0, 0])).toMatchObject({
      rect: [1900, 470, 2000, 530],
      size: [100, 60],
      resize: false,
    })
  })

  it('never lets the crop cut into the focal rect', () => {
    expect(outcome('fill-50x50-c100', 2000, 1000, [1000, 500, 100, 20])).toMatchObject({
      rect: [950, 450, 1050, 550],
      size: [50, 50],
    })
  })

  it('never upscales: a too-small image gets the target aspect at its own resolution', () => {
    expect(outcome('fill-1000x800', 100, 100)).toEqual({
      rect: [0, 10, 100, 90],
      size: [100, 80],
      crop: true,
      resize: false,
    })
  })

  it('caps crop closeness to prevent upscaling', () => {
    expect(outcome('fill-1000x800-c100', 1500, 1000, [750, 500, 0, 0])).toMatchObject({
      rect: [250, 100, 1250, 900],
      size: [1000, 800],
      resize: false,
    })
  })

  it('handles focal point, image and target of the same size (#797)', () => {
    expect(outcome('fill-1500x1500-c100', 1500, 1500, [750, 750, 1500, 1500])).toEqual({
      rect: [0, 0, 1500, 1500],
      size: [1500, 1500],
      crop: false,
      resize: false,
    })
  })

  it('keeps single-pixel images at 1x1', () => {
    for (const spec of ['fill-100x100', 'fill-100x150', 'fill-150x100']) {
      expect(outcome(spec, 1, 1)).toEqual({ rect: [0, 0, 1, 1], size: [1, 1], crop: false, resize: false })
    }
    expect(outcome('fill-10x10', 1, 1, [0, 0, 1, 1])).toMatchObject({ rect: [0, 0, 1, 1], size: [1, 1] })
  })
})

describe('fill with a focal point (formats.md A3 and Wagtail file-name tests)', () => {
  it('fill-400x400-c50 on 1000x800 with focal 300,300 100x100 → crop 165,131,615,582 (450x451) → 400x400', () => {
    const plan = planRendition(
      'fill-400x400-c50',
      { width: 1000, height: 800, format: 'jpeg' },
      { x: 300, y: 300, width: 100, height: 100 },
    )
    expect(plan.crop).toEqual({ left: 165, top: 131, width: 450, height: 451 })
    expect(plan.resize).toEqual({ width: 400, height: 400 })
    expect([plan.width, plan.height]).toEqual([400, 400])
  })

  it('fill-200x200|height-150 on 640x480 with focal 150,150 100x100', () => {
    expect(outcome('fill-200x200|height-150', 640, 480, [150, 150, 100, 100])).toMatchObject({
      rect: [37, 0, 518, 480],
      size: [150, 150],
    })
  })

  it('clamps a crop pushed past the edge back inside the image', () => {
    expect(outcome('fill-300x200-c100', 4000, 3000, [3900, 2900, 200, 200])).toMatchObject({
      rect: [3700, 2800, 4000, 3000],
      size: [300, 200],
    })
  })

  it('clamps a focal point that lies outside the image', () => {
    expect(outcome('fill-300x200-c100', 4000, 3000, [5000, 5000, 100, 100])).toMatchObject({
      rect: [3700, 2800, 4000, 3000],
      size: [300, 200],
    })
  })

  it('takes the widest crop when the focal rect is larger than the image', () => {
    expect(outcome('fill-50x50', 2000, 1000, [1000, 500, 3000, 3000])).toMatchObject({
      rect: [1000, 0, 2000, 1000],
      size: [50, 50],
    })
  })

  it('uses the focal point in source pixels even after an earlier resize, as Wagtail does', () => {
    expect(outcome('width-500|fill-100x100', 1000, 800, [900, 100, 50, 50])).toMatchObject({
      rect: [200, 0, 1000, 800],
      size: [100, 100],
    })
    expect(outcome('scale-50|fill-100x100-c100', 1000, 1000, [100, 100, 10, 10])).toMatchObject({
      rect: [160, 160, 360, 360],
      size: [100, 100],
    })
  })

  it('accepts fractional focal points', () => {
    expect(outcome('fill-100x100-c100', 1000, 1000, [500.5, 500.25, 10, 10])).toMatchObject({
      rect: [450, 450, 551, 551],
      size: [100, 100],
    })
  })
})

describe('fill on extreme aspect ratios', () => {
  it('rounds a 1px-wide crop outward to 1x2 on a 1x10000 image', () => {
    expect(outcome('fill-100x100', 1, 10000)).toEqual({
      rect: [0, 4999, 1, 5001],
      size: [1, 2],
      crop: true,
      resize: false,
    })
  })

  it('rounds a 1px-high crop outward to 2x1 on a 10000x1 image', () => {
    expect(outcome('fill-100x100', 10000, 1)).toEqual({
      rect: [4999, 0, 5001, 1],
      size: [2, 1],
      crop: true,
      resize: false,
    })
  })

  it('follows Wagtail even where its width-only upscale guard lets the height grow', () => {
    expect(outcome('fill-1x10000', 10000, 1)).toEqual({
      rect: [4999, 0, 5001, 1],
      size: [1, 10000],
      crop: true,
      resize: true,
    })
  })

  it('keeps a 1px crop around a focal point on a 1x10000 image', () => {
    expect(outcome('fill-100x100-c100', 1, 10000, [0, 5000, 1, 100])).toMatchObject({
      rect: [0, 5049, 1, 5050],
      size: [1, 1],
    })
  })
})
