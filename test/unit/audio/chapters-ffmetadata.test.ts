import { describe, expect, it } from 'vitest'
import { parse, serialize } from '../../../src/main/media/audio/chapters/ffmetadata.codec'
import { errorMessage } from './expect-error'

const EXAMPLE = `;FFMETADATA1
title=KR012 Sourdough

[CHAPTER]
TIMEBASE=1/1000
START=0
END=185500
title=Hello

[CHAPTER]
TIMEBASE=1/1000
START=185500
END=2530250
title=Flour \\= water
`

describe('FFMETADATA codec', () => {
  it('parses the formats.md example', () => {
    expect(parse(EXAMPLE)).toEqual([
      { startMs: 0, title: 'Hello', link: null, image: null },
      { startMs: 185_500, title: 'Flour = water', link: null, image: null },
    ])
  })

  it('defaults TIMEBASE to 1/1000000000 and converts other bases', () => {
    const text =
      ';FFMETADATA1\n[CHAPTER]\nSTART=12500000000\nEND=13000000000\ntitle=Nano\n[CHAPTER]\nTIMEBASE=1/44100\nSTART=44100\ntitle=Samples\n'
    expect(parse(text).map((c) => c.startMs)).toEqual([12_500, 1000])
  })

  it('skips comments, streams and unknown keys; reads escapes and continued lines', () => {
    const text = [
      ';FFMETADATA1',
      '; a comment',
      '# another',
      'artist=Ana',
      '[STREAM]',
      'title=not a chapter',
      '[CHAPTER]',
      'TIMEBASE=1/1000',
      'START=1000',
      'END=2000',
      'TITLE=Semi\\; hash\\# back\\\\slash two\\',
      'lines',
      'language=en',
    ].join('\r\n')
    expect(parse(text)).toEqual([
      { startMs: 1000, title: 'Semi; hash# back\\slash two lines', link: null, image: null },
    ])
  })

  it('serializes with END = next START and the duration for the last', () => {
    const chapters = [
      { startMs: 185_500, title: 'Flour = water; #1 \\ done', link: 'https://example.org', image: null },
      { startMs: 0, title: 'Hello', link: null, image: null },
    ]
    expect(serialize(chapters, { durationMs: 2_530_250 })).toBe(
      ';FFMETADATA1\n\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=185500\ntitle=Hello\n\n' +
        '[CHAPTER]\nTIMEBASE=1/1000\nSTART=185500\nEND=2530250\ntitle=Flour \\= water\\; \\#1 \\\\ done\n',
    )
    expect(serialize(chapters)).toContain('START=185500\nEND=185501\n')
    expect(serialize(chapters, { durationMs: 100 })).toContain('START=185500\nEND=185501\n')
    expect(parse(serialize(chapters))[1]?.title).toBe('Flour = water; #1 \\ done')
  })

  it('rejects a missing header, bad numbers and a chapter without START', () => {
    expect(errorMessage('invalid_chapters', () => parse('[CHAPTER]\nSTART=0'))).toBe(
      "Line 1: an FFMETADATA file must start with ';FFMETADATA1'.",
    )
    expect(
      errorMessage('invalid_chapters', () => parse(';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/0\nSTART=0')),
    ).toBe("Line 3: TIMEBASE '1/0' is not a fraction like 1/1000.")
    expect(
      errorMessage('invalid_chapters', () =>
        parse(';FFMETADATA1\n\n[CHAPTER]\nSTART=0\n[CHAPTER]\nEND=5\nSTART=1.5'),
      ),
    ).toBe("Line 7: START '1.5' is not a whole number of TIMEBASE units.")
    expect(
      errorMessage('invalid_chapters', () => parse(';FFMETADATA1\n[CHAPTER]\nSTART=0\n[CHAPTER]\ntitle=x\n')),
    ).toBe('Line 4: chapter 2 has no START.')
    expect(
      errorMessage('invalid_chapters', () => parse(';FFMETADATA1\n[CHAPTER]\nSTART=0\ngarbage here')),
    ).toBe("Line 4: 'garbage here' is not a key=value line.")
  })

  it('round-trips 10,000 chapters', () => {
    const chapters = Array.from({ length: 10_000 }, (_, i) => ({
      startMs: i * 7_001,
      title: `C=${i};`,
      link: null,
      image: null,
    }))
    expect(parse(serialize(chapters, { durationMs: 80_000_000 }))).toEqual(chapters)
  })
})
