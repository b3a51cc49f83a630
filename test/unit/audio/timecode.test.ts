import { describe, expect, it } from 'vitest'
import {
  formatClockTime,
  formatSecondsText,
  formatSrtTime,
  formatTextBoxTime,
  formatWebVttTime,
  msToSeconds,
  parseClockTime,
  parseNormalPlayTime,
  parseSeconds,
  parseSrtTime,
  parseTextBoxTime,
  parseWebVttTime,
} from '../../../src/shared/timecode'

describe('parseNormalPlayTime', () => {
  it.each([
    ['0', 0],
    ['185.5', 185_500],
    ['3:05.5', 185_500],
    ['00:03:05.500', 185_500],
    ['1:02:03.25', 3_723_250],
    ['75:30', 4_530_000],
    ['01:00:00.123456', 3_600_123],
    ['4:8:06.5', 14_886_500],
    ['  00:00:01.2  ', 1200],
    ['100:00:00', 360_000_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseNormalPlayTime(text)).toBe(ms)
  })

  it.each([
    '',
    '00:61:00',
    '1:60',
    '00:00:60',
    'abc',
    '1.',
    '.5',
    '-1',
    '1:2:3:4',
    '00:00:00,500',
    '1e3',
    '00:000:00',
  ])('rejects %j', (text) => {
    expect(parseNormalPlayTime(text)).toBeNull()
  })

  it('rejects times too large to count exactly', () => {
    expect(parseNormalPlayTime('99999999999999999999')).toBeNull()
  })
})

describe('parseClockTime', () => {
  it('reads HH:MM:SS.mmm', () => {
    expect(parseClockTime('00:00:01.200')).toBe(1200)
    expect(parseClockTime('01:02:03.004')).toBe(3_723_004)
    expect(parseClockTime('123:00:00.000')).toBe(442_800_000)
  })

  it.each(['0:00:01.200', '00:00:01.2', '00:00:01', '00:60:00.000', '00:00:01,200', '00:01.200'])(
    'rejects %j',
    (text) => {
      expect(parseClockTime(text)).toBeNull()
    },
  )
})

describe('parseWebVttTime', () => {
  it('reads with and without hours', () => {
    expect(parseWebVttTime('00:00:04.050')).toBe(4050)
    expect(parseWebVttTime('03:05.500')).toBe(185_500)
    expect(parseWebVttTime('1:00:00.000')).toBe(3_600_000)
    expect(parseWebVttTime('100:00:00.001')).toBe(360_000_001)
  })

  it.each(['00:04.05', '0:04.050', '00:04,050', '00:60.000', '00:00:04', '4.050'])('rejects %j', (text) => {
    expect(parseWebVttTime(text)).toBeNull()
  })
})

describe('parseSrtTime', () => {
  it('reads HH:MM:SS,mmm', () => {
    expect(parseSrtTime('00:00:01,200')).toBe(1200)
    expect(parseSrtTime('10:20:30,999')).toBe(37_230_999)
  })

  it.each(['00:00:01.200', '00:00:01,20', '00:01,200', '00:61:00,000'])('rejects %j', (text) => {
    expect(parseSrtTime(text)).toBeNull()
  })
})

describe('parseTextBoxTime (django-cast chapter text box)', () => {
  it.each([
    ['00:01:01', 61_000],
    ['00:01:01.234000', 61_234],
    ['00:01:01.5', 61_500],
    ['00:01:01.123456', 61_123],
    ['01:30', 5_400_000],
    ['1:02:03', 3_723_000],
    ['25:00:00', 90_000_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseTextBoxTime(text)).toBe(ms)
  })

  it.each(['00:01:01.1234567', '00:61', '01', '00:01:61', '00:01:01,5'])('rejects %j', (text) => {
    expect(parseTextBoxTime(text)).toBeNull()
  })
})

describe('parseSeconds', () => {
  it('rounds numbers to the nearest millisecond', () => {
    expect(parseSeconds(4.05)).toBe(4050)
    expect(parseSeconds(185.5)).toBe(185_500)
    expect(parseSeconds(0)).toBe(0)
    expect(parseSeconds(1.2345)).toBe(1235)
    expect(parseSeconds(1.2344)).toBe(1234)
  })

  it('reads decimal text with a dot or a comma', () => {
    expect(parseSeconds('185.500000')).toBe(185_500)
    expect(parseSeconds('185,5')).toBe(185_500)
    expect(parseSeconds('12')).toBe(12_000)
    expect(parseSeconds('1.23456')).toBe(1235)
    expect(parseSeconds('0.0004')).toBe(0)
  })

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, '-1', 'abc', '', '1.2.3', '1e3'])(
    'rejects %j',
    (value) => {
      expect(parseSeconds(value)).toBeNull()
    },
  )
})

describe('formatters', () => {
  it('format HH:MM:SS.mmm with at least two hour digits', () => {
    expect(formatClockTime(0)).toBe('00:00:00.000')
    expect(formatClockTime(185_500)).toBe('00:03:05.500')
    expect(formatClockTime(3_723_004)).toBe('01:02:03.004')
    expect(formatClockTime(360_000_001)).toBe('100:00:00.001')
    expect(formatWebVttTime(4050)).toBe('00:00:04.050')
  })

  it('format SRT and DOTe times with a comma', () => {
    expect(formatSrtTime(1200)).toBe('00:00:01,200')
    expect(formatSrtTime(37_230_999)).toBe('10:20:30,999')
  })

  it('format the django-cast text box form', () => {
    expect(formatTextBoxTime(61_000)).toBe('00:01:01')
    expect(formatTextBoxTime(61_234)).toBe('00:01:01.234000')
  })

  it('format seconds', () => {
    expect(msToSeconds(185_500)).toBe(185.5)
    expect(msToSeconds(4050)).toBe(4.05)
    expect(formatSecondsText(185_500)).toBe('185.500000')
    expect(formatSecondsText(1)).toBe('0.001000')
    expect(formatSecondsText(1234, 3)).toBe('1.234')
    expect(formatSecondsText(1999, 0)).toBe('1')
  })

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuse %j milliseconds', (ms) => {
    expect(() => formatClockTime(ms)).toThrow(RangeError)
    expect(() => formatSrtTime(ms)).toThrow(RangeError)
    expect(() => msToSeconds(ms)).toThrow(RangeError)
  })

  it('round-trip every format through its parser', () => {
    for (const ms of [0, 1, 999, 1000, 59_999, 3_599_999, 3_600_000, 86_400_001]) {
      expect(parseClockTime(formatClockTime(ms))).toBe(ms)
      expect(parseWebVttTime(formatWebVttTime(ms))).toBe(ms)
      expect(parseSrtTime(formatSrtTime(ms))).toBe(ms)
      expect(parseTextBoxTime(formatTextBoxTime(ms))).toBe(ms)
      expect(parseNormalPlayTime(formatClockTime(ms))).toBe(ms)
      expect(parseSeconds(msToSeconds(ms))).toBe(ms)
      expect(parseSeconds(formatSecondsText(ms))).toBe(ms)
    }
  })
})
