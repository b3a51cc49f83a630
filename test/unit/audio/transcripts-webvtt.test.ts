import { describe, expect, it } from 'vitest'
import { parse, serialize } from '../../../src/main/media/audio/transcripts/webvtt.codec'
import { errorMessage } from './expect-error'

const EXAMPLE = `WEBVTT

NOTE Episode KR012

1
00:00:01.200 --> 00:00:04.050
<v Ana>Welcome back to the kitchen.

2
00:00:04.300 --> 00:00:06.000
<v Ben>Thanks!
`

describe('WebVTT codec', () => {
  it('parses the formats.md example', () => {
    expect(parse(EXAMPLE)).toEqual([
      { startMs: 1200, endMs: 4050, speaker: 'Ana', text: 'Welcome back to the kitchen.' },
      { startMs: 4300, endMs: 6000, speaker: 'Ben', text: 'Thanks!' },
    ])
  })

  it('serializes numbered cues with voice spans', () => {
    expect(
      serialize([
        { startMs: 4300, endMs: 6000, speaker: 'Ben', text: 'Thanks!' },
        { startMs: 1200, endMs: 4050, speaker: 'Ana', text: 'Welcome back to the kitchen.' },
      ]),
    ).toBe(
      'WEBVTT\n\n1\n00:00:01.200 --> 00:00:04.050\n<v Ana>Welcome back to the kitchen.\n\n2\n00:00:04.300 --> 00:00:06.000\n<v Ben>Thanks!\n',
    )
  })

  it('reads BOM, header text, STYLE/REGION/NOTE blocks, settings, classes, closing tags and entities', () => {
    const text = [
      '\ufeffWEBVTT - Kitchen Radio',
      'Kind: captions',
      '',
      'STYLE',
      '::cue { color: red }',
      '',
      'REGION',
      'id:left width:40%',
      '',
      'NOTE a comment',
      'that spans lines',
      '',
      'intro-cue',
      '00:01.000 --> 00:02.500 align:start position:10%',
      '<v.loud.fast Ana María>Salt &amp; pepper &lt;3 &gt; 2&nbsp;x</v> <i>really</i>',
      '<c.yellow>second</c> line <00:00:02.000>timed',
      '',
      '01:00:00.000-->01:00:01.000',
      '<v>Nobody &#228;&#x1F44B; &unknown;',
      '',
      '00:00:03.000 --> 00:00:04.000',
      'Speaker 2: django-cast prefix',
      '',
      '00:00:05.000 --> 00:00:05.000',
      '',
    ].join('\r\n')
    expect(parse(text)).toEqual([
      {
        startMs: 1000,
        endMs: 2500,
        speaker: 'Ana María',
        text: 'Salt & pepper <3 > 2\u00a0x really\nsecond line timed',
      },
      { startMs: 3000, endMs: 4000, speaker: 'Speaker 2', text: 'django-cast prefix' },
      { startMs: 5000, endMs: 5000, speaker: '', text: '' },
      { startMs: 3_600_000, endMs: 3_601_000, speaker: '', text: 'Nobody ä👋 &unknown;' },
    ])
  })

  it('escapes text so that -->, & and < survive', () => {
    const cues = [{ startMs: 0, endMs: 1000, speaker: 'A & <B>', text: 'a --> b & <c>\n&amp; stays' }]
    const text = serialize(cues)
    expect(text).toContain('<v A &amp; &lt;B&gt;>a --&gt; b &amp; &lt;c&gt;\n&amp;amp; stays\n')
    expect(parse(text)).toEqual(cues)
  })

  it('keeps a text that looks like a speaker prefix as text', () => {
    const cues = [{ startMs: 0, endMs: 1000, speaker: '', text: 'Speaker 3: not a label' }]
    expect(serialize(cues)).toContain('\n<c></c>Speaker 3: not a label\n')
    expect(parse(serialize(cues))).toEqual(cues)
  })

  it('rejects a file without the WEBVTT header, and empty input', () => {
    expect(errorMessage('invalid_transcript', () => parse('1\n00:00:01.000 --> 00:00:02.000\nHi'))).toBe(
      "Line 1: a WebVTT file must start with 'WEBVTT' (found '1').",
    )
    expect(errorMessage('invalid_transcript', () => parse('   '))).toBe(
      'The WebVTT transcript is empty; it needs at least one cue.',
    )
    expect(parse('WEBVTT\n')).toEqual([])
  })

  it('names the line of an unterminated cue', () => {
    const text = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOne\n\n00:00:03.000 -->\nTwo\n'
    expect(errorMessage('invalid_transcript', () => parse(text))).toBe(
      "Line 6: the cue starting at 00:00:03.000 is unterminated: it has no end time (expected '00:00:03.000 --> 00:00:04.000').",
    )
  })

  it('names the line of bad times, end before start, stray identifiers and missing blank lines', () => {
    const cue = (timing: string) =>
      `WEBVTT\n\nNOTE x\n\n1\n00:00:00.000 --> 00:00:01.000\nok\n\n${timing}\nText\n`
    expect(errorMessage('invalid_transcript', () => parse(cue('00:00:02,000 --> 00:00:03.000')))).toBe(
      "Line 9: the start time '00:00:02,000' is not a valid WebVTT time (expected HH:MM:SS.mmm or MM:SS.mmm).",
    )
    expect(errorMessage('invalid_transcript', () => parse(cue('00:00:02.000 --> 00:00:3.000')))).toBe(
      "Line 9: the end time '00:00:3.000' is not a valid WebVTT time (expected HH:MM:SS.mmm or MM:SS.mmm).",
    )
    expect(errorMessage('invalid_transcript', () => parse(cue('00:00:05.000 --> 00:00:04.000')))).toBe(
      'Line 9: the cue ends (00:00:04.000) before it starts (00:00:05.000).',
    )
    expect(errorMessage('invalid_transcript', () => parse(cue('just words')))).toBe(
      "Line 9: 'just words' is neither a cue timing line nor followed by one (expected '00:00:01.000 --> 00:00:04.000').",
    )
    expect(
      errorMessage('invalid_transcript', () =>
        parse('WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nA\n00:00:01.000 --> 00:00:02.000\nB\n'),
      ),
    ).toBe('Line 5: a cue timing line inside the text of the cue from line 3; put a blank line between cues.')
  })

  it('keeps an unescaped arrow that is not a timing line as text', () => {
    expect(parse('WEBVTT\n\n00:00.000 --> 00:01.000\nfrom A --> B\n')[0]?.text).toBe('from A --> B')
  })

  it('sorts cues by start', () => {
    const text = 'WEBVTT\n\n00:00:05.000 --> 00:00:06.000\nB\n\n00:00:01.000 --> 00:00:02.000\nA\n'
    expect(parse(text).map((c) => c.text)).toEqual(['A', 'B'])
  })

  it('handles 20,000 cues', () => {
    const cues = Array.from({ length: 20_000 }, (_, i) => ({
      startMs: i * 2000,
      endMs: i * 2000 + 1999,
      speaker: i % 3 ? `Speaker ${i % 3}` : '',
      text: `Cue number ${i}`,
    }))
    const parsed = parse(serialize(cues))
    expect(parsed).toHaveLength(20_000)
    expect(parsed).toEqual(cues)
  })
})
