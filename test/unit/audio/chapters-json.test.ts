import { describe, expect, it } from 'vitest'
import * as podcasting2 from '../../../src/main/media/audio/chapters/podcasting2-json.codec'
import * as podlove from '../../../src/main/media/audio/chapters/podlove-json.codec'
import { errorMessage } from './expect-error'

const TWO = [
  { startMs: 0, title: 'Hello', link: null, image: null },
  { startMs: 185_500, title: 'Flour', link: 'https://example.org/flour', image: null },
]

describe('Podlove JSON chapters codec', () => {
  it('parses the formats.md example', () => {
    const text =
      '[{"start":"00:00:00.000","title":"Hello"},{"start":"00:03:05.500","title":"Flour","href":"https://example.org/flour"}]'
    expect(podlove.parse(text)).toEqual(TWO)
  })

  it('reads a player episode, numeric starts in ms and empty href/image', () => {
    const text = JSON.stringify({
      version: 5,
      chapters: [
        { start: '00:00:00', title: 'Hello', href: '', image: '' },
        { start: 185_500, title: 'Flour', href: 'https://example.org/flour', image: null },
      ],
    })
    expect(podlove.parse(text)).toEqual(TWO)
  })

  it('serializes href and image only when set', () => {
    const text = podlove.serialize([
      { ...TWO[1], image: 'https://example.org/f.jpg' } as never,
      TWO[0] as never,
    ])
    expect(JSON.parse(text)).toEqual([
      { start: '00:00:00.000', title: 'Hello' },
      {
        start: '00:03:05.500',
        title: 'Flour',
        href: 'https://example.org/flour',
        image: 'https://example.org/f.jpg',
      },
    ])
  })

  it('names the entry that is wrong', () => {
    expect(
      errorMessage('invalid_chapters', () => podlove.parse('[{"start":"0","title":"a"},{"title":"b"}]')),
    ).toBe('Entry 2 has no "start".')
    expect(errorMessage('invalid_chapters', () => podlove.parse('[{"start":"1:61","title":"a"}]'))).toBe(
      'Entry 1 has a start "1:61" that is not a valid time (expected HH:MM:SS or HH:MM:SS.mmm).',
    )
    expect(errorMessage('invalid_chapters', () => podlove.parse('[{"start":"0"}]'))).toBe(
      'Entry 1 has no "title" text.',
    )
    expect(errorMessage('invalid_chapters', () => podlove.parse('[42]'))).toBe(
      'Entry 1 is not an object like {"start": "00:00:00.000", "title": "Intro"}.',
    )
  })

  it('rejects JSON of the wrong shape, broken JSON and empty input', () => {
    expect(errorMessage('invalid_chapters', () => podlove.parse('{"marks": []}'))).toBe(
      'This JSON is not a list of Podlove chapters (expected something like [{"start": "00:00:00.000", "title": "Intro"}]).',
    )
    expect(
      errorMessage('invalid_chapters', () => podlove.parse('[\n  {"start": "0",\n  "title": }\n]')),
    ).toMatch(/JSON is broken/)
    expect(errorMessage('invalid_chapters', () => podlove.parse('[1,2'))).toMatch(
      /^Line 1, column 5: the JSON is broken/,
    )
    expect(errorMessage('invalid_chapters', () => podlove.parse(''))).toBe(
      'The Podlove JSON chapter file is empty; it needs at least one chapter.',
    )
  })
})

describe('Podcasting 2.0 JSON chapters codec', () => {
  const EXAMPLE = `{"version": "1.2.0", "title": "KR012 Sourdough", "chapters": [
  {"startTime": 0, "title": "Hello"},
  {"startTime": 185.5, "title": "Flour", "url": "https://example.org/flour", "img": "https://example.org/flour.jpg"},
  {"startTime": 1200, "img": "https://example.org/oven.jpg", "toc": false}
]}`

  it('parses the formats.md example, skipping the toc:false chapter', () => {
    expect(podcasting2.parse(EXAMPLE)).toEqual([
      { startMs: 0, title: 'Hello', link: null, image: null },
      {
        startMs: 185_500,
        title: 'Flour',
        link: 'https://example.org/flour',
        image: 'https://example.org/flour.jpg',
      },
    ])
  })

  it('keeps hidden chapters on request', () => {
    expect(podcasting2.parse(EXAMPLE, { includeHidden: true })[2]).toEqual({
      startMs: 1_200_000,
      title: '',
      link: null,
      image: 'https://example.org/oven.jpg',
    })
  })

  it('serializes version 1.2.0 with float seconds', () => {
    const text = podcasting2.serialize(
      [
        {
          startMs: 4050,
          title: 'Flour',
          link: 'https://example.org/flour',
          image: 'https://example.org/f.jpg',
        },
        TWO[0] as never,
      ],
      { title: 'KR012' },
    )
    expect(JSON.parse(text)).toEqual({
      version: '1.2.0',
      title: 'KR012',
      chapters: [
        { startTime: 0, title: 'Hello' },
        {
          startTime: 4.05,
          title: 'Flour',
          img: 'https://example.org/f.jpg',
          url: 'https://example.org/flour',
        },
      ],
    })
  })

  it('round-trips milliseconds through float seconds', () => {
    const chapters = [1, 999, 4050, 3_723_004, 86_399_999].map((startMs) => ({
      startMs,
      title: 't',
      link: null,
      image: null,
    }))
    expect(podcasting2.parse(podcasting2.serialize(chapters))).toEqual(chapters)
  })

  it('names the entry that is wrong, and rejects the wrong shape', () => {
    expect(
      errorMessage('invalid_chapters', () =>
        podcasting2.parse('{"version":"1.2.0","chapters":[{"startTime":0},{"title":"x"}]}'),
      ),
    ).toBe('Entry 2 in "chapters" has no "startTime".')
    expect(errorMessage('invalid_chapters', () => podcasting2.parse('{"chapters":[{"startTime":-3}]}'))).toBe(
      'Entry 1 in "chapters" has a "startTime" -3 that is not a number of seconds.',
    )
    expect(
      errorMessage('invalid_chapters', () => podcasting2.parse('{"chapters":[{"startTime":1,"title":5}]}')),
    ).toBe('Entry 1 in "chapters" has a "title" that is not text.')
    expect(errorMessage('invalid_chapters', () => podcasting2.parse('[{"startTime":0}]'))).toBe(
      'This JSON is not Podcasting 2.0 chapters (expected something like {"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro"}]}).',
    )
  })
})
