import { describe, expect, it } from 'vitest'
import { outcome } from './geometry-helpers'

const whole = (width: number, height: number): [number, number, number, number] => [0, 0, width, height]

describe('min and max (Wagtail MinMaxOperation run tests)', () => {
  it('min covers the box', () => {
    expect(outcome('min-800x600', 1000, 1000)).toEqual({
      rect: whole(1000, 1000),
      size: [800, 800],
      crop: false,
      resize: true,
    })
  })

  it('max fits inside the box', () => {
    expect(outcome('max-800x600', 1000, 1000)).toMatchObject({ size: [600, 600] })
  })

  it('max never sets a zero side', () => {
    expect(outcome('max-400x400', 1000, 1)).toMatchObject({ size: [400, 1] })
    expect(outcome('max-400x400', 1, 1000)).toMatchObject({ size: [1, 400] })
    expect(outcome('max-100x100', 1, 10000)).toMatchObject({ size: [1, 100] })
    expect(outcome('max-0x0', 640, 480)).toMatchObject({ size: [1, 1] })
  })

  it('never enlarges', () => {
    expect(outcome('max-2000x2000', 1000, 500)).toEqual({
      rect: whole(1000, 500),
      size: [1000, 500],
      crop: false,
      resize: false,
    })
    expect(outcome('min-100x100', 1, 10000)).toMatchObject({ size: [1, 10000], resize: false })
    expect(outcome('min-2000x100', 1000, 500)).toMatchObject({ size: [1000, 500], resize: false })
  })

  it('min shrinks when both sides exceed the box', () => {
    expect(outcome('min-100x100', 10000, 10000)).toMatchObject({ size: [100, 100] })
  })
})

describe('width and height (Wagtail WidthHeightOperation run tests)', () => {
  it('sets the width or the height, keeping the aspect ratio', () => {
    expect(outcome('width-400', 1000, 500)).toMatchObject({ size: [400, 200] })
    expect(outcome('height-400', 1000, 500)).toMatchObject({ size: [800, 400] })
  })

  it('never sets a zero side', () => {
    expect(outcome('width-400', 1000, 1)).toMatchObject({ size: [400, 1] })
    expect(outcome('height-400', 1, 800)).toMatchObject({ size: [1, 400] })
    expect(outcome('width-100', 10000, 1)).toMatchObject({ size: [100, 1] })
    expect(outcome('height-100', 1, 10000)).toMatchObject({ size: [1, 100] })
    expect(outcome('width-0', 640, 480)).toMatchObject({ size: [1, 1] })
  })

  it('truncates like int()', () => {
    expect(outcome('width-333|height-77', 1000, 700)).toMatchObject({ size: [110, 77] })
    expect(outcome('width-1110', 1600, 900)).toMatchObject({ size: [1110, 624] })
    expect(outcome('width-493', 4000, 6000)).toMatchObject({ size: [493, 739] })
  })

  it('never enlarges', () => {
    expect(outcome('width-2000', 1000, 500)).toEqual({
      rect: whole(1000, 500),
      size: [1000, 500],
      crop: false,
      resize: false,
    })
    expect(outcome('height-500', 1000, 500)).toMatchObject({ size: [1000, 500], resize: false })
  })
})

describe('scale (Wagtail ScaleOperation run tests)', () => {
  it('multiplies both sides and truncates', () => {
    expect(outcome('scale-100', 1000, 500)).toMatchObject({ size: [1000, 500], resize: false })
    expect(outcome('scale-50', 1000, 500)).toMatchObject({ size: [500, 250] })
    expect(outcome('scale-83.0322', 1000, 500)).toMatchObject({ size: [830, 415] })
    expect(outcome('scale-33.3', 1001, 999)).toMatchObject({ size: [333, 332] })
  })

  it('never sets a zero side', () => {
    expect(outcome('scale-50', 1000, 1)).toMatchObject({ size: [500, 1] })
    expect(outcome('scale-50', 1, 500)).toMatchObject({ size: [1, 250] })
    expect(outcome('scale-50', 1, 1)).toMatchObject({ size: [1, 1], resize: false })
  })

  it('is the one operation that enlarges: scale-200 on 640x480 → 1280x960', () => {
    expect(outcome('scale-200', 640, 480)).toEqual({
      rect: whole(640, 480),
      size: [1280, 960],
      crop: false,
      resize: true,
    })
  })

  it('refuses a scale that would overflow', () => {
    expect(() => outcome('scale-1e300', 640, 480)).toThrow(expect.objectContaining({ code: 'invalid_spec' }))
  })
})

describe('chains and original', () => {
  it('runs transforms left to right', () => {
    expect(outcome('max-300x300|min-200x100', 1000, 500)).toMatchObject({ size: [200, 100] })
    expect(outcome('fill-1000x800|width-2000', 100, 100)).toMatchObject({
      rect: [0, 10, 100, 90],
      size: [100, 80],
    })
  })

  it('runs transforms regardless of where filters appear', () => {
    expect(outcome('format-webp|width-400|jpegquality-10', 1000, 500)).toMatchObject({ size: [400, 200] })
  })

  it('original keeps everything', () => {
    expect(outcome('original', 1000, 500)).toEqual({
      rect: whole(1000, 500),
      size: [1000, 500],
      crop: false,
      resize: false,
    })
    expect(outcome('original', 1, 1)).toMatchObject({ size: [1, 1] })
  })
})

describe('impossible input', () => {
  it('rejects a source size below 1x1 or not whole', () => {
    expect(() => outcome('width-100', 0, 100)).toThrow(expect.objectContaining({ code: 'invalid_input' }))
    expect(() => outcome('width-100', 10.5, 100)).toThrow(/must be whole numbers of at least 1/)
  })

  it('rejects a negative or non-finite focal point', () => {
    expect(() => outcome('fill-10x10', 100, 100, [-1, 0, 10, 10])).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    )
    expect(() => outcome('fill-10x10', 100, 100, [1, Number.NaN, 10, 10])).toThrow(/focal point/)
  })

  it('rejects an invalid spec before looking at the image', () => {
    expect(() => outcome('fill-800x600-d100', 0, 0)).toThrow(
      expect.objectContaining({ code: 'invalid_spec' }),
    )
  })
})
