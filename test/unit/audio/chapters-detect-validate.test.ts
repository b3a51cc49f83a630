import { describe, expect, it } from 'vitest'
import {
  assertValidChapters,
  CHAPTER_FORMATS,
  type Chapter,
  chapterCodecs,
  detectChapterFormat,
  parseChapters,
  validateChapters,
} from '../../../src/main/media/audio/chapters'
import { errorMessage } from './expect-error'

const chapter = (
  startMs: number,
  title: string,
  link: string | null = null,
  image: string | null = null,
): Chapter => ({
  startMs,
  title,
  link,
  image,
})

describe('detectChapterFormat', () => {
  it.each([
    ['00:00:00.000 Hello\n00:03:05.500 Flour', 'mp4chaps'],
    ['\ufeff\n0:00 Intro', 'mp4chaps'],
    ['00:01:01.234000 Title https://a.example', 'mp4chaps'],
    ['0.000000\t0.000000\tHello\n', 'audacity'],
    ['12,5\t13,0\tHello', 'audacity'],
    ['<?xml version="1.0"?><psc:chapters/>', 'psc'],
    ['  <psc:chapters version="1.2"/>', 'psc'],
    ['[{"start":"00:00:00.000","title":"Hello"}]', 'podlove-json'],
    ['{"version":5,"chapters":[{"start":"00:00:00","title":"x"}]}', 'podlove-json'],
    ['{"version":"1.2.0","chapters":[{"startTime":0,"title":"x"}]}', 'podcasting2-json'],
    ['{"version":"1.2.0","chapters":[]}', 'podcasting2-json'],
    ['{"version":"1.2.0","chapters":[{"startTime":0,', 'podcasting2-json'],
    ['[{"start": broken', 'podlove-json'],
    [';FFMETADATA1\n[CHAPTER]\nSTART=0', 'ffmetadata'],
  ])('detects %j as %s', (text, format) => {
    expect(detectChapterFormat(text)).toBe(format)
  })

  it.each(['', 'Intro at zero', 'WEBVTT\n\n00:00.000 --> 00:01.000\nHi'])('returns null for %j', (text) => {
    expect(detectChapterFormat(text)).toBeNull()
  })

  it('detects what every codec writes', () => {
    const chapters = [chapter(0, 'Hello'), chapter(185_500, 'Flour', 'https://example.org/flour')]
    for (const format of CHAPTER_FORMATS) {
      expect(detectChapterFormat(chapterCodecs[format].serialize(chapters))).toBe(format)
    }
  })
})

describe('parseChapters', () => {
  it('parses in the detected or the given format', () => {
    expect(parseChapters('0.5\t0.5\tA')).toEqual({ format: 'audacity', chapters: [chapter(500, 'A')] })
    expect(parseChapters('[{"start":"0","title":"A"}]', 'podlove-json').chapters).toEqual([chapter(0, 'A')])
  })

  it('refuses content it cannot recognise', () => {
    expect(errorMessage('invalid_chapters', () => parseChapters('Intro at zero'))).toMatch(
      /^Castdesk cannot tell which chapter format this is\./,
    )
  })
})

describe('validateChapters', () => {
  it('sorts valid chapters ascending', () => {
    const result = validateChapters([chapter(60_000, 'B'), chapter(0, 'A'), chapter(30_000, 'C')], 120_000)
    expect(result.issues).toEqual([])
    expect(result.chapters.map((c) => c.title)).toEqual(['A', 'C', 'B'])
  })

  it('numbers every issue by entry', () => {
    const result = validateChapters(
      [
        chapter(0, 'Intro'),
        chapter(60_000, '  '),
        chapter(0, 'Again'),
        chapter(130_000, 'Late'),
        chapter(-5, 'Neg'),
      ],
      120_000,
    )
    expect(result.issues).toEqual([
      { entry: 2, message: 'Chapter 2 (at 00:01:00.000) has no title.' },
      {
        entry: 3,
        message:
          "Chapter 3 ('Again' at 00:00:00.000) starts at the same time as chapter 1; give each chapter its own start time.",
      },
      {
        entry: 4,
        message:
          "Chapter 4 ('Late' at 00:02:10.000) starts at or after the end of the episode (00:02:00.000).",
      },
      { entry: 5, message: "Chapter 5 ('Neg') has no valid start time (got -5)." },
    ])
    expect(result.chapters.map((c) => c.title)).toEqual(['Neg', 'Intro', 'Again', '  ', 'Late'])
  })

  it('skips the duration check without a duration', () => {
    expect(validateChapters([chapter(999_999_999, 'Far')]).issues).toEqual([])
    expect(validateChapters([chapter(999_999_999, 'Far')], null).issues).toEqual([])
  })

  it('assertValidChapters throws invalid_chapters listing every issue', () => {
    expect(assertValidChapters([chapter(5, 'B'), chapter(1, 'A')])).toEqual([
      chapter(1, 'A'),
      chapter(5, 'B'),
    ])
    expect(
      errorMessage('invalid_chapters', () => assertValidChapters([chapter(0, ''), chapter(0, 'X')])),
    ).toBe(
      "Chapter 1 (at 00:00:00.000) has no title.\nChapter 2 ('X' at 00:00:00.000) starts at the same time as chapter 1; give each chapter its own start time.",
    )
  })
})

describe('chapter round trips between formats', () => {
  const full = [
    chapter(0, 'Hello & welcome', 'https://example.org/a?x=1&y=2', 'https://example.org/a.jpg'),
    chapter(185_500, 'Flour = water; #1 <mix>', null, 'https://example.org/b.jpg'),
    chapter(3_723_004, 'Grüße 👋 "quoted"', 'https://example.org/c', null),
  ]
  const keeps: Record<string, { link: boolean; image: boolean }> = {
    mp4chaps: { link: true, image: false },
    psc: { link: true, image: true },
    'podlove-json': { link: true, image: true },
    'podcasting2-json': { link: true, image: true },
    audacity: { link: false, image: false },
    ffmetadata: { link: false, image: false },
  }

  for (const from of CHAPTER_FORMATS) {
    for (const to of CHAPTER_FORMATS) {
      it(`${from} → ${to} → ${from} keeps starts, titles and what both formats hold`, () => {
        const first = chapterCodecs[from].parse(chapterCodecs[from].serialize(full))
        const back = chapterCodecs[from].parse(
          chapterCodecs[from].serialize(chapterCodecs[to].parse(chapterCodecs[to].serialize(first))),
        )
        const both = {
          link: keeps[from]?.link && keeps[to]?.link,
          image: keeps[from]?.image && keeps[to]?.image,
        }
        expect(back).toEqual(
          full.map((c) => ({ ...c, link: both.link ? c.link : null, image: both.image ? c.image : null })),
        )
      })
    }
  }
})
