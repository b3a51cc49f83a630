import { describe, expect, it } from 'vitest'
import { parse, serialize } from '../../../src/main/media/audio/chapters/audacity.codec'
import { errorMessage } from './expect-error'

describe('Audacity labels codec', () => {
  it('parses point and region labels, comma decimals and frequency lines', () => {
    const text =
      '0.000000\t0.000000\tHello\n185,500000\t190,250000\tFlour and water\n\\\t100.0\t2000.0\n1200\t1200\t\n'
    expect(parse(text)).toEqual([
      { startMs: 0, title: 'Hello', link: null, image: null },
      { startMs: 185_500, title: 'Flour and water', link: null, image: null },
      { startMs: 1_200_000, title: '', link: null, image: null },
    ])
  })

  it('serializes point labels with six decimals', () => {
    expect(
      serialize([
        { startMs: 185_500, title: 'Flour\twater', link: 'https://example.org', image: null },
        { startMs: 0, title: 'Hello', link: null, image: null },
      ]),
    ).toBe('0.000000\t0.000000\tHello\n185.500000\t185.500000\tFlour water\n')
  })

  it('names the line of a bad label', () => {
    expect(errorMessage('invalid_chapters', () => parse('0\t0\tA\n1\t1\tB\n00:02\t2\tC'))).toBe(
      "Line 3: '00:02 2 C' has a start that is not a number of seconds.",
    )
    expect(errorMessage('invalid_chapters', () => parse('0\t0\tA\n1 B'))).toBe(
      "Line 2: '1 B' is not an Audacity label (expected start<TAB>end<TAB>title, times in seconds).",
    )
    expect(errorMessage('invalid_chapters', () => parse('0\tx\tA'))).toBe(
      "Line 1: '0 x A' has an end that is not a number of seconds.",
    )
  })

  it('round-trips 10,000 labels', () => {
    const chapters = Array.from({ length: 10_000 }, (_, i) => ({
      startMs: i * 333,
      title: `L${i}`,
      link: null,
      image: null,
    }))
    expect(parse(serialize(chapters))).toEqual(chapters)
  })
})
