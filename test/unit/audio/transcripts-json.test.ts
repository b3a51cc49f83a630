import { describe, expect, it } from 'vitest'
import * as dote from '../../../src/main/media/audio/transcripts/dote.codec'
import * as podcasting2 from '../../../src/main/media/audio/transcripts/podcasting2-json.codec'
import * as podlove from '../../../src/main/media/audio/transcripts/podlove-json.codec'
import { errorMessage } from './expect-error'

const CUES = [
  { startMs: 1200, endMs: 4050, speaker: 'Ana', text: 'Welcome back to the kitchen.' },
  { startMs: 4300, endMs: 6000, speaker: '', text: 'Thanks!' },
]

describe('Podlove transcript JSON codec', () => {
  const EXAMPLE = `{"transcripts": [
  {"start": "00:00:01.200", "start_ms": 1200, "end": "00:00:04.050", "end_ms": 4050, "speaker": "7", "voice": "Ana", "text": "Welcome back to the kitchen."},
  {"start": "00:00:04.300", "start_ms": 4300, "end": "00:00:06.000", "end_ms": 6000, "speaker": "", "voice": "", "text": "Thanks!"}
]}`

  it('parses the formats.md example, taking the voice as the label', () => {
    expect(podlove.parse(EXAMPLE)).toEqual(CUES)
  })

  it('reads a bare array, string-only times, numeric seconds, speaker-only labels and grouped items', () => {
    const text = JSON.stringify([
      { start: '00:00:01.200', end: '00:00:04.050', speaker: 'Ana', text: ' Welcome back to the kitchen. ' },
      { start: 4.3, end: 6, text: 'Thanks!' },
      { speaker: 3, voice: 'Ben', items: [{ start_ms: 7000, end_ms: 8000, text: 'Grouped' }] },
    ])
    expect(podlove.parse(text)).toEqual([
      ...CUES,
      { startMs: 7000, endMs: 8000, speaker: 'Ben', text: 'Grouped' },
    ])
  })

  it('serializes the django-cast wrapper, or the bare array', () => {
    expect(JSON.parse(podlove.serialize(CUES))).toEqual({
      transcripts: [
        {
          start: '00:00:01.200',
          start_ms: 1200,
          end: '00:00:04.050',
          end_ms: 4050,
          speaker: 'Ana',
          voice: 'Ana',
          text: 'Welcome back to the kitchen.',
        },
        {
          start: '00:00:04.300',
          start_ms: 4300,
          end: '00:00:06.000',
          end_ms: 6000,
          speaker: '',
          voice: '',
          text: 'Thanks!',
        },
      ],
    })
    expect(JSON.parse(podlove.serialize(CUES, { bare: true }))).toHaveLength(2)
  })

  it('names the entry and the key that is wrong', () => {
    const wrap = (segments: unknown[]) => JSON.stringify({ transcripts: segments })
    expect(
      errorMessage('invalid_transcript', () =>
        podlove.parse(
          wrap([
            { start_ms: 0, end_ms: 1, text: 'a' },
            { end_ms: 5, text: 'b' },
          ]),
        ),
      ),
    ).toBe('Entry 2 in "transcripts": "start_ms" and "start" are missing.')
    expect(
      errorMessage('invalid_transcript', () =>
        podlove.parse(wrap([{ start_ms: 0, end: 'soon', text: 'a' }])),
      ),
    ).toBe(
      'Entry 1 in "transcripts": "end" "soon" is not a valid time (expected "end_ms" in milliseconds or "end" as HH:MM:SS.mmm).',
    )
    expect(errorMessage('invalid_transcript', () => podlove.parse('[{"start_ms": 0, "end_ms": 1}]'))).toBe(
      'Entry 1: "text" is missing or not text.',
    )
    expect(
      errorMessage('invalid_transcript', () => podlove.parse('[{"start_ms": 5, "end_ms": 1, "text": "x"}]')),
    ).toBe('Entry 1: the cue ends (00:00:00.001) before it starts (00:00:00.005).')
  })

  it('rejects JSON of the wrong shape, broken JSON and empty input', () => {
    expect(errorMessage('invalid_transcript', () => podlove.parse('{"segments": []}'))).toMatch(
      /^This JSON is not a Podlove transcript \(expected a list of segments, or \{"transcripts": /,
    )
    expect(errorMessage('invalid_transcript', () => podlove.parse('{"transcripts": [1, 2'))).toBe(
      "Line 1, column 22: the JSON is broken (Expected ',' or ']' after array element).",
    )
    expect(errorMessage('invalid_transcript', () => podlove.parse(''))).toBe(
      'The Podlove JSON transcript is empty; it needs at least one cue.',
    )
  })
})

describe('DOTe JSON codec', () => {
  const EXAMPLE = `{"lines": [
  {"startTime": "00:00:01,200", "endTime": "00:00:04,050", "speakerDesignation": "Ana", "text": "Welcome back to the kitchen."},
  {"startTime": "00:00:04,300", "endTime": "00:00:06,000", "speakerDesignation": "", "text": "Thanks!"}
]}`

  it('parses the formats.md example', () => {
    expect(dote.parse(EXAMPLE)).toEqual(CUES)
  })

  it('serializes with comma times', () => {
    expect(JSON.parse(dote.serialize(CUES))).toEqual(JSON.parse(EXAMPLE))
  })

  it('requires all four keys on every line', () => {
    const text = JSON.stringify({
      lines: [
        { startTime: '00:00:00,000', endTime: '00:00:01,000', speakerDesignation: '', text: 'a' },
        { startTime: '00:00:01,000', endTime: '00:00:02,000', text: 'b' },
      ],
    })
    expect(errorMessage('invalid_transcript', () => dote.parse(text))).toBe(
      'Entry 2 in "lines": "speakerDesignation" is missing; every line needs startTime, endTime, speakerDesignation, text.',
    )
  })

  it('names bad values and the wrong shape', () => {
    const line = (startTime: unknown) =>
      JSON.stringify({ lines: [{ startTime, endTime: '00:00:02,000', speakerDesignation: 'A', text: 'x' }] })
    expect(errorMessage('invalid_transcript', () => dote.parse(line('1.5')))).toBe(
      'Entry 1 in "lines": "startTime" \'1.5\' is not a time like 00:00:01,200 (HH:MM:SS,mmm).',
    )
    expect(errorMessage('invalid_transcript', () => dote.parse(line(1.5)))).toBe(
      'Entry 1 in "lines": "startTime" is not text.',
    )
    expect(dote.parse(line('00:00:01.500'))[0]?.startMs).toBe(1500)
    expect(errorMessage('invalid_transcript', () => dote.parse('[{"startTime": "00:00:00,000"}]'))).toMatch(
      /^This JSON is not a DOTe transcript \(expected \{"lines": /,
    )
  })
})

describe('Podcasting 2.0 JSON transcript codec', () => {
  const EXAMPLE = `{"version": "1.0.0", "segments": [
  {"speaker": "Ana", "startTime": 1.2, "endTime": 4.05, "body": "Welcome back to the kitchen."},
  {"speaker": "Ben", "startTime": 4.3, "endTime": 6.0, "body": "Thanks!"}]}`

  it('parses the formats.md example', () => {
    expect(podcasting2.parse(EXAMPLE)).toEqual([CUES[0], { ...CUES[1], speaker: 'Ben' }])
  })

  it('serializes version 1.0.0 with seconds, leaving out empty speakers', () => {
    expect(JSON.parse(podcasting2.serialize(CUES))).toEqual({
      version: '1.0.0',
      segments: [
        { speaker: 'Ana', startTime: 1.2, endTime: 4.05, body: 'Welcome back to the kitchen.' },
        { startTime: 4.3, endTime: 6, body: 'Thanks!' },
      ],
    })
  })

  it('fills a missing end from the next start', () => {
    const text =
      '{"version":"1.0","segments":[{"startTime":2,"body":"world"},{"startTime":1,"body":"hello"}]}'
    expect(podcasting2.parse(text)).toEqual([
      { startMs: 1000, endMs: 2000, speaker: '', text: 'hello' },
      { startMs: 2000, endMs: 2000, speaker: '', text: 'world' },
    ])
  })

  it('names the entry and the key that is wrong', () => {
    expect(
      errorMessage('invalid_transcript', () =>
        podcasting2.parse('{"segments":[{"startTime":0,"body":"a"},{"body":"b"}]}'),
      ),
    ).toBe('Entry 2 in "segments": "startTime" is missing.')
    expect(
      errorMessage('invalid_transcript', () =>
        podcasting2.parse('{"segments":[{"startTime":"00:00:01","body":"a"}]}'),
      ),
    ).toBe('Entry 1 in "segments": "startTime" "00:00:01" is not a number of seconds.')
    expect(
      errorMessage('invalid_transcript', () => podcasting2.parse('{"segments":[{"startTime":0}]}')),
    ).toBe('Entry 1 in "segments": "body" is missing or not text.')
    expect(
      errorMessage('invalid_transcript', () =>
        podcasting2.parse('{"segments":[{"startTime":3,"endTime":2,"body":"x"}]}'),
      ),
    ).toBe('Entry 1 in "segments": the cue ends (00:00:02.000) before it starts (00:00:03.000).')
    expect(errorMessage('invalid_transcript', () => podcasting2.parse('{"version":"1.0.0"}'))).toMatch(
      /^This JSON is not a Podcasting 2.0 transcript \(expected \{"version": "1.0.0", "segments": /,
    )
  })
})
