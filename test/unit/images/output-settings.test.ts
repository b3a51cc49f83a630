import { describe, expect, it } from 'vitest'
import { defaultOutputFormat, planRendition, type SourceImage } from '../../../src/main/media/images/geometry'

const WHITE = { r: 255, g: 255, b: 255 }

function output(spec: string, source: Partial<SourceImage> = {}) {
  const { format, quality, lossless, background, srgb } = planRendition(spec, {
    width: 640,
    height: 480,
    format: 'jpeg',
    ...source,
  })
  return { format, quality, lossless, background, srgb }
}

describe('default output format (formats.md A4)', () => {
  it('keeps jpeg, png, webp and avif', () => {
    expect(output('width-400', { format: 'jpeg' })).toEqual({
      format: 'jpeg',
      quality: 76,
      lossless: false,
      background: null,
      srgb: false,
    })
    expect(output('width-400', { format: 'png', hasAlpha: false }).format).toBe('png')
    expect(output('width-400', { format: 'webp' })).toMatchObject({ format: 'webp', quality: 80 })
    expect(output('width-400', { format: 'avif' })).toMatchObject({ format: 'avif', quality: 61 })
  })

  it('converts bmp → png, heic → jpeg, a still gif → png, tiff → png', () => {
    expect(defaultOutputFormat({ format: 'bmp' })).toBe('png')
    expect(defaultOutputFormat({ format: 'heic' })).toBe('jpeg')
    expect(defaultOutputFormat({ format: 'gif' })).toBe('png')
    expect(defaultOutputFormat({ format: 'gif', animated: false })).toBe('png')
    expect(defaultOutputFormat({ format: 'gif', animated: true })).toBe('gif')
    expect(defaultOutputFormat({ format: 'tiff' })).toBe('png')
  })

  it('lets format-* override the default', () => {
    expect(output('width-400|format-webp', { format: 'png' })).toMatchObject({ format: 'webp', quality: 80 })
    expect(output('format-gif', { format: 'jpeg' })).toMatchObject({ format: 'gif', quality: null })
    expect(output('format-png|format-avif', { format: 'jpeg' })).toMatchObject({
      format: 'avif',
      quality: 61,
    })
  })
})

describe('quality', () => {
  it('uses the matching quality operation, wherever it stands', () => {
    expect(output('jpegquality-40|width-400')).toMatchObject({ format: 'jpeg', quality: 40 })
    expect(output('width-400|format-webp|webpquality-70')).toMatchObject({ quality: 70 })
    expect(output('avifquality-30|format-avif')).toMatchObject({ quality: 30 })
    expect(output('jpegquality-0')).toMatchObject({ quality: 0 })
  })

  it('takes the last of repeated quality operations', () => {
    expect(output('jpegquality-40|jpegquality-90')).toMatchObject({ quality: 90 })
  })

  it('ignores a quality operation for another format', () => {
    expect(output('width-400|jpegquality-40|format-webp')).toMatchObject({ format: 'webp', quality: 80 })
    expect(output('webpquality-10', { format: 'png', hasAlpha: false })).toMatchObject({
      format: 'png',
      quality: null,
    })
    expect(output('avifquality-10|webpquality-20')).toMatchObject({ format: 'jpeg', quality: 76 })
  })

  it('takes other defaults when given', () => {
    const plan = planRendition('width-10', { width: 640, height: 480, format: 'jpeg' }, null, {
      jpegQuality: 85,
      webpQuality: 75,
      avifQuality: 50,
    })
    expect(plan.quality).toBe(85)
  })
})

describe('lossless', () => {
  it('switches webp and avif to lossless with no quality', () => {
    expect(output('format-webp-lossless|webpquality-10')).toMatchObject({
      format: 'webp',
      lossless: true,
      quality: null,
    })
    expect(output('width-400|format-avif-lossless')).toMatchObject({
      format: 'avif',
      lossless: true,
      quality: null,
    })
  })

  it('means nothing for jpeg, png and gif', () => {
    expect(output('format-jpeg-lossless')).toMatchObject({ format: 'jpeg', lossless: false, quality: 76 })
    expect(output('format-png-lossless', { hasAlpha: false })).toMatchObject({
      format: 'png',
      lossless: false,
      quality: null,
    })
  })

  it('follows the last format operation', () => {
    expect(output('format-webp-lossless|format-webp')).toMatchObject({ lossless: false, quality: 80 })
  })
})

describe('background', () => {
  it('gives jpeg output of an image with alpha a white background', () => {
    expect(output('format-jpeg', { format: 'png', hasAlpha: true }).background).toEqual(WHITE)
    expect(output('format-jpeg', { format: 'png' }).background).toEqual(WHITE)
  })

  it('leaves images without alpha alone', () => {
    expect(output('format-jpeg', { format: 'png', hasAlpha: false }).background).toBeNull()
    expect(output('width-100', { format: 'jpeg' }).background).toBeNull()
  })

  it('keeps alpha for formats that carry it', () => {
    expect(output('format-webp', { format: 'png', hasAlpha: true }).background).toBeNull()
  })

  it('applies bgcolor to any format; only the first one counts', () => {
    expect(output('width-400|bgcolor-fff', { format: 'png', hasAlpha: true }).background).toEqual(WHITE)
    expect(output('bgcolor-1f6feb|format-png').background).toEqual({ r: 31, g: 111, b: 235 })
    expect(output('bgcolor-f00|bgcolor-00f|format-jpeg', { format: 'png' }).background).toEqual({
      r: 255,
      g: 0,
      b: 0,
    })
    expect(output('bgcolor-000|format-jpeg', { format: 'png', hasAlpha: true }).background).toEqual({
      r: 0,
      g: 0,
      b: 0,
    })
  })
})

describe('srgb', () => {
  it('is set by django-cast’s srgb operation only', () => {
    expect(output('width-120|srgb|format-avif')).toMatchObject({ srgb: true, format: 'avif' })
    expect(output('width-120|format-avif').srgb).toBe(false)
  })
})

describe('the whole plan', () => {
  it('reports the spec, crop, resize and encoder settings together', () => {
    expect(
      planRendition(
        'fill-400x400-c50|format-webp|webpquality-70',
        { width: 1000, height: 800, format: 'jpeg' },
        {
          x: 300,
          y: 300,
          width: 100,
          height: 100,
        },
      ),
    ).toEqual({
      spec: 'fill-400x400-c50|format-webp|webpquality-70',
      crop: { left: 165, top: 131, width: 450, height: 451 },
      resize: { width: 400, height: 400 },
      width: 400,
      height: 400,
      format: 'webp',
      quality: 70,
      lossless: false,
      background: null,
      srgb: false,
    })
  })
})
