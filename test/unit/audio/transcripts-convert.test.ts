import { describe, expect, it } from 'vitest'
import {
  type Cue,
  convertTranscript,
  detectTranscriptFormat,
  parseTranscript,
  TRANSCRIPT_FORMATS,
  transcriptCodecs,
} from '../../../src/main/media/audio/transcripts'
import { errorMessage } from './expect-error'

const TRICKY: Cue[] = [
  { startMs: 0, endMs: 1200, speaker: 'Ana', text: 'Welcome back to the kitchen.' },
  { startMs: 1200, endMs: 4050, speaker: '', text: 'Line one\nline two\n  indented three' },
  { startMs: 4300, endMs: 6001, speaker: 'Ben Müller', text: 'a --> b & c < d > e' },
  { startMs: 6001, endMs: 6001, speaker: '', text: 'Note: no speaker here' },
  { startMs: 7000, endMs: 7999, speaker: '', text: 'Speaker 2: not a speaker either' },
  { startMs: 8000, endMs: 9000, speaker: 'Dr. Ana', text: '' },
  { startMs: 9000, endMs: 9500, speaker: '', text: '' },
  { startMs: 10_000, endMs: 10_001, speaker: 'Speaker 1', text: '&amp; stays &lt;literal&gt; &nbsp;' },
  {
    startMs: 11_111,
    endMs: 22_222,
    speaker: 'Zoë',
    text: 'Grüße 👋 日本語 — “quotes” \u00a0nbsp\u00a0inside',
  },
  {
    startMs: 3_723_004,
    endMs: 3_723_999,
    speaker: 'A & <B>',
    text: '<v Fake>not a voice</v>\n\u200bzero width',
  },
]

describe('detectTranscriptFormat', () => {
  it.each([
    ['WEBVTT\n\n00:00.000 --> 00:01.000\nHi', 'webvtt'],
    ['\ufeff  WEBVTT - title\n', 'webvtt'],
    ['1\n00:00:01,200 --> 00:00:04,050\nHi', 'srt'],
    ['\r\n1\r\n00:00:01,200 --> 00:00:04,050\r\nHi', 'srt'],
    ['00:00:01,200 --> 00:00:04,050\nHi', 'srt'],
    ['{"transcripts": []}', 'podlove-json'],
    ['[{"start_ms": 0, "end_ms": 1, "text": "x"}]', 'podlove-json'],
    ['{"lines": []}', 'dote'],
    ['{"version": "1.0.0", "segments": []}', 'podcasting2-json'],
    ['{"version": "1.0.0", "segments": [', 'podcasting2-json'],
    ['{"lines": [{"startTime": ', 'dote'],
    ['{"transcripts": [', 'podlove-json'],
  ])('detects %j as %s', (text, format) => {
    expect(detectTranscriptFormat(text)).toBe(format)
  })

  it.each(['', 'Hello there', '00:00:00.000 Intro', 'WEBVTTX\n'])('returns null for %j', (text) => {
    expect(detectTranscriptFormat(text)).toBeNull()
  })

  it('detects what every codec writes', () => {
    for (const format of TRANSCRIPT_FORMATS) {
      expect(detectTranscriptFormat(transcriptCodecs[format].serialize(TRICKY))).toBe(format)
    }
  })
})

describe('parseTranscript and convertTranscript', () => {
  it('parse in the detected format and refuse unknown content', () => {
    expect(parseTranscript('1\n00:00:01,000 --> 00:00:02,000\nAna: Hi')).toEqual({
      format: 'srt',
      cues: [{ startMs: 1000, endMs: 2000, speaker: 'Ana', text: 'Hi' }],
    })
    expect(errorMessage('invalid_transcript', () => parseTranscript('Hello there'))).toBe(
      'Castdesk cannot tell which transcript format this is. Use WebVTT, SRT, Podlove JSON, DOTe JSON or Podcasting 2.0 JSON.',
    )
  })

  it('convert DOTe to WebVTT', () => {
    const dote =
      '{"lines":[{"startTime":"00:00:01,200","endTime":"00:00:04,050","speakerDesignation":"Ana","text":"Hi & bye"}]}'
    expect(convertTranscript(dote, 'webvtt')).toBe(
      'WEBVTT\n\n1\n00:00:01.200 --> 00:00:04.050\n<v Ana>Hi &amp; bye\n',
    )
  })
})

describe('transcript round trips', () => {
  it('parse gives the tricky cues back from every format', () => {
    for (const format of TRANSCRIPT_FORMATS) {
      const codec = transcriptCodecs[format]
      expect(codec.parse(codec.serialize(TRICKY)), format).toEqual(TRICKY)
    }
  })

  for (const a of TRANSCRIPT_FORMATS) {
    for (const b of TRANSCRIPT_FORMATS) {
      if (a === b) continue
      it(`${a} → ${b} → ${a} keeps every cue`, () => {
        const original = transcriptCodecs[a].serialize(TRICKY)
        const viaB = convertTranscript(original, b, a)
        const back = convertTranscript(viaB, a, b)
        expect(transcriptCodecs[a].parse(back)).toEqual(transcriptCodecs[a].parse(original))
        expect(transcriptCodecs[a].parse(back)).toEqual(TRICKY)
        expect(back).toBe(original)
      })
    }
  }

  it('normalizes text the same way in every format', () => {
    const messy: Cue[] = [
      { startMs: 0, endMs: 1, speaker: '  Ana \n Maria ', text: '  first\r\n\r\n   \nsecond  ' },
    ]
    for (const format of TRANSCRIPT_FORMATS) {
      const codec = transcriptCodecs[format]
      expect(codec.parse(codec.serialize(messy)), format).toEqual([
        { startMs: 0, endMs: 1, speaker: 'Ana Maria', text: 'first\nsecond' },
      ])
    }
  })

  it('handles 20,000 cues in every format', () => {
    const cues: Cue[] = Array.from({ length: 20_000 }, (_, i) => ({
      startMs: i * 1234,
      endMs: i * 1234 + 1000,
      speaker: i % 4 === 0 ? '' : `Speaker ${i % 4}`,
      text: `Cue ${i} & <more>`,
    }))
    for (const format of TRANSCRIPT_FORMATS) {
      const parsed = transcriptCodecs[format].parse(transcriptCodecs[format].serialize(cues))
      expect(parsed, format).toHaveLength(20_000)
      expect(parsed[19_999], format).toEqual(cues[19_999])
    }
  })
})
