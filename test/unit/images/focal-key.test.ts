import { describe, expect, it } from 'vitest'
import {
  focalPointKey,
  hashVaryParts,
  NO_FOCAL_POINT_KEY,
  pythonStr,
  renditionFocalKey,
} from '../../../src/main/media/images/geometry'

describe('focalPointKey (Wagtail cache key tests)', () => {
  it('is 2e16d0ba without a focal point ("None-None-None-None")', () => {
    expect(focalPointKey(null)).toBe('2e16d0ba')
    expect(focalPointKey(undefined)).toBe('2e16d0ba')
    expect(NO_FOCAL_POINT_KEY).toBe('2e16d0ba')
  })

  it('is 0bbe3b2f for width 100, height 100, x 500, y 500', () => {
    expect(focalPointKey({ x: 500, y: 500, width: 100, height: 100 })).toBe('0bbe3b2f')
  })

  it('prints whole numbers without ".0": "100-100-150-150" → c215fe90', () => {
    expect(focalPointKey({ x: 150, y: 150, width: 100, height: 100 })).toBe('c215fe90')
  })

  it('hashes Python float strings like Wagtail does for in-memory focal points: "100-100-150.0-150.0" → 15ee4958', () => {
    expect(hashVaryParts(['100', '100', '150.0', '150.0'])).toBe('15ee4958')
  })

  it('formats fractional values like Python floats', () => {
    expect(focalPointKey({ x: 150.5, y: 0.25, width: 10, height: 20 })).toBe('4575a925')
  })

  it('repeats the fields once per fill operation', () => {
    expect(focalPointKey(null, 2)).toBe('2619941d')
    expect(focalPointKey({ x: 500, y: 500, width: 100, height: 100 }, 2)).toBe('f689f6d8')
  })
})

describe('renditionFocalKey', () => {
  it('is empty unless the spec has a fill', () => {
    expect(renditionFocalKey('max-100x100', { x: 1, y: 1, width: 1, height: 1 })).toBe('')
    expect(renditionFocalKey('width-1110|format-avif', null)).toBe('')
  })

  it('is the focal key for fill specs, repeated per fill', () => {
    expect(renditionFocalKey('fill-100x100', null)).toBe('2e16d0ba')
    expect(renditionFocalKey('fill-100x100|format-webp', { x: 500, y: 500, width: 100, height: 100 })).toBe(
      '0bbe3b2f',
    )
    expect(renditionFocalKey('fill-100x100|fill-50x50', null)).toBe('2619941d')
  })
})

describe('pythonStr', () => {
  it('prints like Python str()', () => {
    expect(pythonStr(null)).toBe('None')
    expect(pythonStr(100)).toBe('100')
    expect(pythonStr(0)).toBe('0')
    expect(pythonStr(123.456)).toBe('123.456')
    expect(pythonStr(0.0001)).toBe('0.0001')
    expect(pythonStr(0.00001)).toBe('1e-05')
    expect(pythonStr(1e-7)).toBe('1e-07')
    expect(pythonStr(1e22)).toBe('10000000000000000000000')
  })
})
