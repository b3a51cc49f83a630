import { describe, expect, it } from 'vitest'
import { expandSpec } from '../../../src/main/media/images/spec'

describe('expandSpec (Wagtail Filter.expand_spec)', () => {
  it('keeps a spec without braces, split on pipes or spaces', () => {
    expect(expandSpec('width-100')).toEqual(['width-100'])
    expect(expandSpec('width-100 jpegquality-20')).toEqual(['width-100|jpegquality-20'])
    expect(expandSpec(['width-100', 'jpegquality-20'])).toEqual(['width-100|jpegquality-20'])
  })

  it('expands one group', () => {
    expect(expandSpec('width-{100,200}')).toEqual(['width-100', 'width-200'])
    expect(expandSpec('width-{100,200} jpegquality-40')).toEqual([
      'width-100|jpegquality-40',
      'width-200|jpegquality-40',
    ])
    expect(expandSpec('width-{100,200}|jpegquality-40')).toEqual([
      'width-100|jpegquality-40',
      'width-200|jpegquality-40',
    ])
  })

  it('takes the cartesian product in segment order', () => {
    expect(expandSpec('width-{100,200}|format-{jpeg,webp}')).toEqual([
      'width-100|format-jpeg',
      'width-100|format-webp',
      'width-200|format-jpeg',
      'width-200|format-webp',
    ])
    expect(expandSpec('width-{100,200} jpegquality-{40,80} srgb')).toEqual([
      'width-100|jpegquality-40|srgb',
      'width-100|jpegquality-80|srgb',
      'width-200|jpegquality-40|srgb',
      'width-200|jpegquality-80|srgb',
    ])
    expect(expandSpec('{fill,max}-100x100')).toEqual(['fill-100x100', 'max-100x100'])
  })

  it('splits on pipes when there is one, keeping spaces inside segments', () => {
    expect(expandSpec('width-{100, 200}|format-webp')).toEqual([
      'width-100|format-webp',
      'width- 200|format-webp',
    ])
  })

  it('keeps empty segments from repeated spaces, as Python split does', () => {
    expect(expandSpec('width-100  format-webp')).toEqual(['width-100||format-webp'])
  })

  it('leaves a lone brace alone', () => {
    expect(expandSpec('width-{100')).toEqual(['width-{100'])
  })

  it('rejects two groups in one segment or braces in the wrong order', () => {
    expect(() => expandSpec('fill-{100,200}x{100,200}')).toThrow(/more than one \{…\} group/)
    expect(() => expandSpec('width-}100{')).toThrow(expect.objectContaining({ code: 'invalid_spec' }))
  })

  it('gives one empty spec for no segments', () => {
    expect(expandSpec([])).toEqual([''])
  })
})
