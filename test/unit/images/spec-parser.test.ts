import { describe, expect, it } from 'vitest'
import { isValidSpec, MAX_SPEC_LENGTH, OPERATION_NAMES, parseSpec } from '../../../src/main/media/images/spec'
import { CastdeskError } from '../../../src/shared/errors'

function specError(spec: string): CastdeskError {
  try {
    parseSpec(spec)
  } catch (error) {
    if (error instanceof CastdeskError) return error
    throw error
  }
  throw new Error(`"${spec}" parsed but should not have`)
}

describe('parseSpec: valid operations', () => {
  it('parses fill with and without crop closeness (Wagtail test values)', () => {
    const cases: [string, number, number, number][] = [
      ['fill-800x600', 800, 600, 0],
      ['fill-800x600-c0', 800, 600, 0],
      ['fill-800x600-c100', 800, 600, 1],
      ['fill-800x600-c50', 800, 600, 0.5],
      ['fill-800x600-c1000', 800, 600, 1],
      ['fill-800000x100', 800000, 100, 0],
      ['fill-800x600-c10-c30', 800, 600, 0.3],
    ]
    for (const [spec, width, height, cropCloseness] of cases) {
      expect(parseSpec(spec).operations).toEqual([
        expect.objectContaining({ name: 'fill', kind: 'transform', width, height, cropCloseness }),
      ])
    }
  })

  it('parses min, max, width, height and scale', () => {
    expect(parseSpec('min-800x600').operations[0]).toMatchObject({ name: 'min', width: 800, height: 600 })
    expect(parseSpec('max-800x600').operations[0]).toMatchObject({ name: 'max', width: 800, height: 600 })
    expect(parseSpec('width-800').operations[0]).toMatchObject({ name: 'width', size: 800 })
    expect(parseSpec('height-600').operations[0]).toMatchObject({ name: 'height', size: 600 })
    expect(parseSpec('scale-50').operations[0]).toMatchObject({ name: 'scale', percent: 50 })
    expect(parseSpec('scale-83.0322').operations[0]).toMatchObject({ name: 'scale', percent: 83.0322 })
    expect(parseSpec('scale-.5').operations[0]).toMatchObject({ percent: 0.5 })
    expect(parseSpec('scale-1e2').operations[0]).toMatchObject({ percent: 100 })
  })

  it('parses the filter operations', () => {
    expect(parseSpec('original').operations[0]).toMatchObject({ name: 'original', kind: 'filter' })
    expect(parseSpec('format-webp').operations[0]).toMatchObject({
      name: 'format',
      format: 'webp',
      lossless: false,
    })
    expect(parseSpec('format-avif-lossless').operations[0]).toMatchObject({ format: 'avif', lossless: true })
    for (const format of ['jpeg', 'png', 'gif', 'webp', 'avif']) {
      expect(parseSpec(`format-${format}`).operations[0]).toMatchObject({ format })
    }
    expect(parseSpec('jpegquality-40').operations[0]).toMatchObject({
      name: 'jpegquality',
      format: 'jpeg',
      quality: 40,
    })
    expect(parseSpec('webpquality-0').operations[0]).toMatchObject({
      name: 'webpquality',
      format: 'webp',
      quality: 0,
    })
    expect(parseSpec('avifquality-100').operations[0]).toMatchObject({
      name: 'avifquality',
      format: 'avif',
      quality: 100,
    })
    expect(parseSpec('bgcolor-fff').operations[0]).toMatchObject({
      name: 'bgcolor',
      color: { r: 255, g: 255, b: 255 },
    })
    expect(parseSpec('bgcolor-1F6feb').operations[0]).toMatchObject({ color: { r: 31, g: 111, b: 235 } })
    expect(parseSpec('bgcolor-a0c').operations[0]).toMatchObject({ color: { r: 170, g: 0, b: 204 } })
    expect(parseSpec('srgb').operations[0]).toMatchObject({ name: 'srgb', kind: 'filter' })
  })

  it('splits a chain into transforms (in order) and filters, and counts fills', () => {
    const parsed = parseSpec('format-webp|fill-400x300|webpquality-70|height-100|fill-50x50')
    expect(parsed.spec).toBe('format-webp|fill-400x300|webpquality-70|height-100|fill-50x50')
    expect(parsed.transforms.map((op) => op.name)).toEqual(['fill', 'height', 'fill'])
    expect(parsed.filters.map((op) => op.name)).toEqual(['format', 'webpquality'])
    expect(parsed.fillCount).toBe(2)
    expect(parseSpec('width-100').fillCount).toBe(0)
  })

  it('parses the specs django-cast plans', () => {
    for (const spec of [
      'width-1110',
      'width-2220|format-avif',
      'width-120|srgb|format-avif',
      'srgb|format-avif',
    ]) {
      expect(isValidSpec(spec)).toBe(true)
    }
  })

  it('registers exactly the documented operations', () => {
    expect([...OPERATION_NAMES].sort()).toEqual(
      [
        'avifquality',
        'bgcolor',
        'fill',
        'format',
        'height',
        'jpegquality',
        'max',
        'min',
        'original',
        'scale',
        'srgb',
        'webpquality',
        'width',
      ].sort(),
    )
  })
})

describe('parseSpec: invalid specs', () => {
  it('rejects an empty spec and an empty operation', () => {
    const empty = specError('')
    expect(empty.code).toBe('invalid_spec')
    expect(empty.message).toBe(
      'The image filter spec "" is invalid: it is empty; give at least one operation, e.g. width-800 or fill-400x300.',
    )
    expect(specError('width-100||format-webp').message).toContain('has an empty operation')
    expect(specError('width-100|').message).toContain('has an empty operation')
  })

  it('rejects unknown operations and lists the valid ones', () => {
    const error = specError('width-100|blur-5')
    expect(error.code).toBe('invalid_spec')
    expect(error.message).toBe(
      'The image filter spec "width-100|blur-5" is invalid: "blur" in "blur-5" is not an operation; use one of ' +
        'fill, max, min, width, height, scale, original, format, jpegquality, webpquality, avifquality, bgcolor, srgb.',
    )
    expect(specError('hello-800x600').message).toContain('"hello" in "hello-800x600" is not an operation')
    expect(specError('constructor').message).toContain('"constructor" in "constructor" is not an operation')
    expect(specError('__proto__-1').message).toContain('is not an operation')
    expect(specError('Width-100').message).toContain('"Width" in "Width-100" is not an operation')
    expect(specError(' width-100').code).toBe('invalid_spec')
    expect(specError('preserve-svg').code).toBe('invalid_spec')
  })

  it('rejects the malformed fills from Wagtail tests', () => {
    for (const spec of [
      'fill',
      'fill-800',
      'fill-abc',
      'fill-800xabc',
      'fill-800x600-',
      'fill-800x600x10',
      'fill-800x600-d100',
    ]) {
      expect(specError(spec).code).toBe('invalid_spec')
    }
    expect(specError('fill-800x600-d100').message).toBe(
      'The image filter spec "fill-800x600-d100" is invalid: "fill-800x600-d100" has an unknown part "d100"; ' +
        'use fill-WxH with an optional crop closeness cN (0-100), e.g. fill-800x600 or fill-800x600-c50.',
    )
    expect(specError('fill').message).toContain('"fill" takes at least 1 argument but got 0; use fill-WxH')
    expect(specError('fill-800').message).toContain('"800" in "fill-800" is not a size WxH')
    expect(specError('fill-800xabc').message).toContain(
      'the height "abc" in "fill-800xabc" is not a whole number',
    )
    expect(specError('fill-800X600').message).toContain('is not a size WxH')
    expect(specError('fill-800x600-c').message).toContain(
      'the crop closeness "" in "fill-800x600-c" is not a whole number',
    )
    expect(specError('fill-0x600').message).toContain('"fill-0x600" has a zero width or height')
  })

  it('rejects malformed min, max, width, height and scale (Wagtail test values)', () => {
    for (const spec of [
      'min',
      'min-800',
      'min-abc',
      'min-800xabc',
      'min-800x600-',
      'min-800x600-c100',
      'min-800x600x10',
    ]) {
      expect(specError(spec).code).toBe('invalid_spec')
    }
    for (const spec of ['max', 'max-800', 'max-800x600-c100'])
      expect(specError(spec).code).toBe('invalid_spec')
    for (const spec of [
      'width',
      'width-800x600',
      'width-abc',
      'width-800-c100',
      'height-abc',
      'height-1.5',
    ]) {
      expect(specError(spec).code).toBe('invalid_spec')
    }
    for (const spec of [
      'scale',
      'scale-800x600',
      'scale-abc',
      'scale-800-c100',
      'scale-inf',
      'scale-nan',
      'scale-',
    ]) {
      expect(specError(spec).code).toBe('invalid_spec')
    }
    expect(specError('min-800x600-c100').message).toContain(
      '"min-800x600-c100" takes 1 argument but got 2; use min-WxH',
    )
    expect(specError('width-800-c100').message).toContain(
      'takes 1 argument but got 2; use width-N, e.g. width-800',
    )
    expect(specError('scale-abc').message).toContain('the percentage "abc" in "scale-abc" is not a number')
    expect(specError('width-+100').message).toContain('is not a whole number')
    expect(specError('width-1_000').message).toContain('is not a whole number')
    expect(specError('width-99999999999999999999').message).toContain('is too large')
  })

  it('rejects qualities above 100', () => {
    const error = specError('width-400|jpegquality-101')
    expect(error.code).toBe('invalid_spec')
    expect(error.message).toBe(
      'The image filter spec "width-400|jpegquality-101" is invalid: the quality in "jpegquality-101" is higher than 100; ' +
        'use jpegquality-N with N from 0 to 100, e.g. jpegquality-80.',
    )
    expect(specError('webpquality-101').message).toContain('use webpquality-N')
    expect(specError('avifquality-200').message).toContain('use avifquality-N')
    expect(specError('avifquality').code).toBe('invalid_spec')
    expect(specError('jpegquality-high').message).toContain('is not a whole number')
  })

  it('rejects bad background colours', () => {
    for (const spec of [
      'bgcolor-foo',
      'bgcolor-1234',
      'bgcolor-#fff',
      'bgcolor-ff',
      'bgcolor-fffffff',
      'bgcolor',
      'bgcolor-gggggg',
    ]) {
      expect(specError(spec).code).toBe('invalid_spec')
    }
    expect(specError('width-400|bgcolor-foo').message).toBe(
      'The image filter spec "width-400|bgcolor-foo" is invalid: "foo" in "bgcolor-foo" is not a hexadecimal colour; ' +
        'use bgcolor-RGB or bgcolor-RRGGBB in hexadecimal without "#", e.g. bgcolor-fff or bgcolor-1f6feb.',
    )
  })

  it('rejects unsupported formats and options', () => {
    expect(specError('format-bmp').message).toBe(
      'The image filter spec "format-bmp" is invalid: "bmp" in "format-bmp" is not a supported format; ' +
        'use format-F or format-F-lossless with F one of jpeg, png, gif, webp, avif, e.g. format-webp.',
    )
    for (const spec of [
      'format-ico',
      'format-heic',
      'format-JPEG',
      'format-jpg',
      'format',
      'format-webp-lossy',
    ]) {
      expect(specError(spec).code).toBe('invalid_spec')
    }
    expect(specError('format-webp-lossy').message).toContain(
      '"format-webp-lossy" has an unknown option "lossy"',
    )
    expect(specError('format-webp-lossless-lossless').message).toContain('takes 1 to 2 arguments but got 3')
  })

  it('rejects arguments on argument-less operations', () => {
    expect(specError('original-1').message).toContain(
      '"original-1" takes 0 arguments but got 1; use just "original"',
    )
    expect(specError('srgb-1').message).toContain('use just "srgb"')
  })

  it(`rejects specs longer than ${MAX_SPEC_LENGTH} characters`, () => {
    const long = Array.from({ length: 30 }, () => 'width-100').join('|')
    expect(long.length).toBe(299)
    expect(specError(long).message).toContain('is longer than 255 characters')
  })

  it('isValidSpec reports without throwing', () => {
    expect(isValidSpec('fill-800x600-c50|format-webp-lossless')).toBe(true)
    expect(isValidSpec('fill-800x600-d100')).toBe(false)
  })
})
