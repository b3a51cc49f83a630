import { describe, expect, it } from 'vitest'
import { parse, serialize } from '../../../src/main/media/audio/transcripts/srt.codec'
import { errorMessage } from './expect-error'

const EXAMPLE = `1
00:00:01,200 --> 00:00:04,050
Ana: Welcome back to the kitchen.

2
00:00:04,300 --> 00:00:06,000
Ben: Thanks!
`

describe('SRT codec', () => {
  it('parses the formats.md example with Name: prefixes', () => {
    expect(parse(EXAMPLE)).toEqual([
      { startMs: 1200, endMs: 4050, speaker: 'Ana', text: 'Welcome back to the kitchen.' },
      { startMs: 4300, endMs: 6000, speaker: 'Ben', text: 'Thanks!' },
    ])
  })

  it('serializes to the formats.md example', () => {
    expect(serialize(parse(EXAMPLE))).toBe(EXAMPLE)
  })

  it('reads CRLF, BOM, missing numbers, dot separators, coordinates and several blank lines', () => {
    const text = [
      '\ufeff1',
      '00:00:01,000 --> 00:00:02,000 X1:10 X2:20 Y1:5 Y2:9',
      'Plain text without speaker',
      'second line',
      '',
      '',
      '00:00:03.000 --> 00:00:04.000',
      'Dr. Ana María:   Hola <i>amigos</i> & more',
      '',
      '3',
      '00:00:05,000 --> 00:00:05,500',
      '',
    ].join('\r\n')
    expect(parse(text)).toEqual([
      { startMs: 1000, endMs: 2000, speaker: '', text: 'Plain text without speaker\nsecond line' },
      { startMs: 3000, endMs: 4000, speaker: 'Dr. Ana María', text: 'Hola <i>amigos</i> & more' },
      { startMs: 5000, endMs: 5500, speaker: '', text: '' },
    ])
  })

  it('does not take sentences, URLs or clock times for speakers', () => {
    const text = [
      '1\n00:00:01,000 --> 00:00:02,000\nWell, as I said: yes',
      '2\n00:00:02,000 --> 00:00:03,000\nhttps://example.org is the link',
      '3\n00:00:03,000 --> 00:00:04,000\n10:30: we start',
    ].join('\n\n')
    expect(parse(text).map((c) => c.speaker)).toEqual(['', '', ''])
  })

  it('keeps texts that look like a prefix as text, with an invisible marker', () => {
    const cues = [
      { startMs: 0, endMs: 1, speaker: '', text: 'Note: no speaker here' },
      { startMs: 1, endMs: 2, speaker: '', text: '\u200bstarts with a zero-width space' },
      { startMs: 2, endMs: 3, speaker: 'Ana', text: 'Note: inside' },
      { startMs: 3, endMs: 4, speaker: 'Ben', text: '' },
    ]
    const text = serialize(cues)
    expect(text).toContain('\n\u200bNote: no speaker here\n')
    expect(text).toContain('\nAna: Note: inside\n')
    expect(text).toContain('\nBen:\n')
    expect(parse(text)).toEqual(cues)
  })

  it('keeps -->, &, < and unicode literally', () => {
    const cues = [{ startMs: 0, endMs: 1000, speaker: 'Zoë', text: 'a --> b & <c> 日本語 👋\n  indented' }]
    expect(serialize(cues)).toBe(
      '1\n00:00:00,000 --> 00:00:01,000\nZoë: a --> b & <c> 日本語 👋\n  indented\n',
    )
    expect(parse(serialize(cues))).toEqual(cues)
  })

  it('names the line of an unterminated cue', () => {
    const text = `${EXAMPLE}\n3\n`
    expect(errorMessage('invalid_transcript', () => parse(text))).toBe(
      "Line 9: cue 3 is unterminated: its number is not followed by a timing line like '00:00:01,000 --> 00:00:04,000'.",
    )
    expect(errorMessage('invalid_transcript', () => parse('1\n00:00:01,000 -->\nHi'))).toBe(
      "Line 2: the cue starting at 00:00:01,000 is unterminated: it has no end time (expected '00:00:01,000 --> 00:00:04,000').",
    )
  })

  it('names the line of bad timing', () => {
    const lines = ['1', '00:00:01,000 --> 00:00:02,000', 'a', '', '2', '00:00:02,000 --> 00:00:03,000', 'b']
    const bad = (timing: string) => [...lines, '', '3', timing, 'c'].join('\n')
    expect(errorMessage('invalid_transcript', () => parse(bad('00:00:61,000 --> 00:01:02,000')))).toBe(
      "Line 10: the start time '00:00:61,000' is not a valid SRT time (expected HH:MM:SS,mmm).",
    )
    expect(errorMessage('invalid_transcript', () => parse(bad('00:00:05,000 --> 5')))).toBe(
      "Line 10: the end time '5' is not a valid SRT time (expected HH:MM:SS,mmm).",
    )
    expect(errorMessage('invalid_transcript', () => parse(bad('00:00:05,000 --> 00:00:04,999')))).toBe(
      'Line 10: the cue ends (00:00:04.999) before it starts (00:00:05.000).',
    )
    expect(errorMessage('invalid_transcript', () => parse(bad('from one to two')))).toBe(
      "Line 10: expected a cue timing line like '00:00:01,000 --> 00:00:04,000', found 'from one to two'.",
    )
    expect(errorMessage('invalid_transcript', () => parse('\n\n'))).toBe(
      'The SRT transcript is empty; it needs at least one cue.',
    )
  })

  it('handles 20,000 cues', () => {
    const cues = Array.from({ length: 20_000 }, (_, i) => ({
      startMs: i * 1500,
      endMs: i * 1500 + 1400,
      speaker: i % 2 ? 'Ana' : '',
      text: `Line ${i}\nmore`,
    }))
    expect(parse(serialize(cues))).toEqual(cues)
  })
})
