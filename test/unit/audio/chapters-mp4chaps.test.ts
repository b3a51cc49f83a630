import { describe, expect, it } from 'vitest'
import { parse, serialize } from '../../../src/main/media/audio/chapters/mp4chaps.codec'
import { errorMessage } from './expect-error'

const EXAMPLE = '00:00:00.000 Hello\n00:03:05.500 Flour <https://example.org/flour>\n'

describe('mp4chaps codec', () => {
  it('parses the formats.md example', () => {
    expect(parse(EXAMPLE)).toEqual([
      { startMs: 0, title: 'Hello', link: null, image: null },
      { startMs: 185_500, title: 'Flour', link: 'https://example.org/flour', image: null },
    ])
  })

  it('serializes to the formats.md example, sorted, dropping images', () => {
    const text = serialize([
      {
        startMs: 185_500,
        title: 'Flour',
        link: 'https://example.org/flour',
        image: 'https://example.org/f.jpg',
      },
      { startMs: 0, title: 'Hello', link: null, image: null },
    ])
    expect(text).toBe(EXAMPLE)
  })

  it('accepts CRLF, a BOM, blank lines, tabs and short NPT times', () => {
    const text = '\ufeff0 Start\r\n\r\n1:05.5\tMiddle part  \r\n1:02:03 End\r\n'
    expect(parse(text).map((c) => [c.startMs, c.title])).toEqual([
      [0, 'Start'],
      [65_500, 'Middle part'],
      [3_723_000, 'End'],
    ])
  })

  it('reads django-cast text box lines and their export with link and image', () => {
    const text = [
      '00:00:00 Intro',
      '00:01:01.234000 Second chapter https://example.org/second https://example.org/second.jpg',
      '00:02:00 Third https://example.org/third',
      '00:03:00.5 See https://example.org/a <https://example.org/b>',
    ].join('\n')
    expect(parse(text)).toEqual([
      { startMs: 0, title: 'Intro', link: null, image: null },
      {
        startMs: 61_234,
        title: 'Second chapter',
        link: 'https://example.org/second',
        image: 'https://example.org/second.jpg',
      },
      { startMs: 120_000, title: 'Third', link: 'https://example.org/third', image: null },
      { startMs: 180_500, title: 'See https://example.org/a', link: 'https://example.org/b', image: null },
    ])
  })

  it('reads a two-part time as minutes:seconds, or as django-cast hours:minutes on request', () => {
    expect(parse('05:30 Topic')[0]?.startMs).toBe(330_000)
    expect(parse('05:30 Topic', { twoPartTimes: 'hours-minutes' })[0]?.startMs).toBe(19_800_000)
    expect(parse('00:05:30 Topic', { twoPartTimes: 'hours-minutes' })[0]?.startMs).toBe(330_000)
  })

  it('reads only a URL in angle brackets as the link', () => {
    expect(parse('00:00:01 Mixing <mix>\n00:00:02 Mail <mailto:ana@example.org>')).toEqual([
      { startMs: 1000, title: 'Mixing <mix>', link: null, image: null },
      { startMs: 2000, title: 'Mail', link: 'mailto:ana@example.org', image: null },
    ])
  })

  it('drops a dash or bar between time and title', () => {
    expect(parse('0:00 - Intro\n1:30 | Topic\n2:00 — Outro\n3:00 -dash').map((c) => c.title)).toEqual([
      'Intro',
      'Topic',
      'Outro',
      '-dash',
    ])
  })

  it('keeps the order of the file (validation sorts)', () => {
    expect(parse('00:02:00 B\n00:01:00 A').map((c) => c.title)).toEqual(['B', 'A'])
  })

  it('names the line of a bad timestamp', () => {
    const lines = ['00:00:00 Hello', '', '00:01:00 A', '00:02:00 B', '00:03:00 C', '', '00:61:00 Intro']
    expect(errorMessage('invalid_chapters', () => parse(lines.join('\n')))).toBe(
      "Line 7: '00:61:00 Intro' has a start time that is not a valid time (expected HH:MM:SS or HH:MM:SS.mmm).",
    )
  })

  it('rejects a line without a time or without a title', () => {
    expect(errorMessage('invalid_chapters', () => parse('Intro at the start'))).toBe(
      "Line 1: 'Intro at the start' has a start time that is not a valid time (expected HH:MM:SS or HH:MM:SS.mmm).",
    )
    expect(errorMessage('invalid_chapters', () => parse('00:00:00 Hello\n00:01:00  '))).toBe(
      "Line 2: '00:01:00' has no title (expected HH:MM:SS Title).",
    )
  })

  it('rejects empty input', () => {
    expect(errorMessage('invalid_chapters', () => parse(' \n\n'))).toBe(
      'The plain-text chapter file is empty; it needs at least one chapter.',
    )
  })

  it('writes titles on one line', () => {
    expect(serialize([{ startMs: 1, title: 'Two\nlines', link: null, image: null }])).toBe(
      '00:00:00.001 Two lines\n',
    )
  })

  it('handles 10,000 chapters', () => {
    const chapters = Array.from({ length: 10_000 }, (_, i) => ({
      startMs: i * 1001,
      title: `Chapter ${i + 1}`,
      link: i % 2 ? `https://example.org/${i}` : null,
      image: null,
    }))
    const parsed = parse(serialize(chapters))
    expect(parsed).toHaveLength(10_000)
    expect(parsed[9999]).toEqual({
      startMs: 9_999 * 1001,
      title: 'Chapter 10000',
      link: 'https://example.org/9999',
      image: null,
    })
    expect(parsed).toEqual(chapters)
  })
})
