import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { type Cue, parseTranscript, transcriptCodecs } from '../../../src/main/media/audio/transcripts'
import { TRANSCRIPT_FILE_FORMATS, type TranscriptFileFormat } from '../../../src/shared/api/audio.api'
import { makeDir } from '../../helpers/media-fixtures'
import { runCli } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import { makeChapteredAudio } from './audio-fixtures'

const CODEC = {
  vtt: 'webvtt',
  srt: 'srt',
  podlove: 'podlove-json',
  dote: 'dote',
  podcasting2: 'podcasting2-json',
} as const

/** Uploads as podcasters' tools write them (BOM, NOTE blocks, CRLF, voice spans, comma times). */
const UPLOADS: Record<TranscriptFileFormat, string> = {
  vtt: '\ufeffWEBVTT\n\nNOTE Episode KR012\n\n1\n00:00:01.200 --> 00:00:04.050\n<v Ana>Welcome back to the kitchen.\n\n2\n00:00:04.300 --> 00:00:06.000 align:start\n<v Ben Müller>Thanks!</v>\n',
  srt: '1\r\n00:00:01,200 --> 00:00:04,050\r\nAna: Welcome back to the kitchen.\r\n\r\n2\r\n00:00:04,300 --> 00:00:06,000\r\nBen Müller: Thanks!\r\n',
  podlove:
    '{"transcripts": [{"start": "00:00:01.200", "start_ms": 1200, "end": "00:00:04.050", "end_ms": 4050, "speaker": "7", "voice": "Ana", "text": "Welcome back to the kitchen."}, {"start": "00:00:04.300", "start_ms": 4300, "end": "00:00:06.000", "end_ms": 6000, "speaker": "", "voice": "Ben Müller", "text": "Thanks!"}]}',
  dote: '{"lines": [{"startTime": "00:00:01,200", "endTime": "00:00:04,050", "speakerDesignation": "Ana", "text": "Welcome back to the kitchen."}, {"startTime": "00:00:04,300", "endTime": "00:00:06,000", "speakerDesignation": "Ben Müller", "text": "Thanks!"}]}',
  podcasting2:
    '{"version": "1.0.0", "segments": [{"speaker": "Ana", "startTime": 1.2, "endTime": 4.05, "body": "Welcome back to the kitchen."}, {"speaker": "Ben Müller", "startTime": 4.3, "endTime": 6.0, "body": "Thanks!"}]}',
}

const EXPECTED: Cue[] = [
  { startMs: 1200, endMs: 4050, speaker: 'Ana', text: 'Welcome back to the kitchen.' },
  { startMs: 4300, endMs: 6000, speaker: 'Ben Müller', text: 'Thanks!' },
]

/** Harder cues for the engine round trips: multi-line text, no speaker, odd milliseconds, symbols. */
const TRICKY: Cue[] = [
  { startMs: 0, endMs: 999, speaker: 'Ana', text: 'Line one\nline two' },
  { startMs: 1001, endMs: 2002, speaker: '', text: 'No speaker & <brackets> --> arrow' },
  { startMs: 3_723_004, endMs: 3_723_999, speaker: 'Zoë', text: 'Grüße 👋' },
]

describe('transcripts', () => {
  const root = tempDir('castdesk-audio-transcripts-')
  const files = makeDir(root, 'files')
  let t: TestLibrary
  let id: number
  const ann = () => t.as('ann')
  const write = (name: string, text: string) => {
    const path = join(files, name)
    writeFileSync(path, text)
    return path
  }

  beforeAll(async () => {
    const audio = makeChapteredAudio(join(files, 'kr012.mp3'), 'mp3', { seconds: 5, chapters: false })
    t = await openTestLibrary(join(root, 'library'))
    id = (await t.call('media.import', { paths: [audio] }, ann()))[0]?.id as number
  })

  it.each(TRANSCRIPT_FILE_FORMATS)(
    'imports %s, keeps the upload byte for byte and the normalised cues',
    async (format) => {
      const path = write(`upload.${format}`, UPLOADS[format])
      const info = await t.call('audio.importTranscript', { id, path }, ann())
      expect(info).toMatchObject({ id, format, cues: 2, speakers: ['Ana', 'Ben Müller'] })
      expect(info.file?.key).toMatch(/^cast_transcript\/upload(_[0-9a-f]{7})?\.(vtt|srt|json)$/)
      expect(readFileSync(info.file?.path as string).equals(readFileSync(path))).toBe(true)
      for (const to of TRANSCRIPT_FILE_FORMATS) {
        const exported = await t.call('audio.exportTranscript', { id, format: to }, ann())
        expect(parseTranscript(exported.text, CODEC[to]).cues).toEqual(EXPECTED)
      }
    },
  )

  it('replaces the previous transcript and its kept file', async () => {
    const first = await t.call('audio.importTranscript', { id, text: UPLOADS.vtt, name: 'one.vtt' }, ann())
    const second = await t.call('audio.importTranscript', { id, text: UPLOADS.srt, name: 'two.srt' }, ann())
    expect(existsSync(first.file?.path as string)).toBe(false)
    expect(second.file?.original_name).toBe('two.srt')
    expect((await t.call('audio.transcript', { id }, ann())).format).toBe('srt')
  })

  it('converts A → B → A through the library keeping every cue’s times, speaker and text', async () => {
    for (const a of TRANSCRIPT_FILE_FORMATS) {
      for (const b of TRANSCRIPT_FILE_FORMATS) {
        const text = transcriptCodecs[CODEC[a]].serialize(TRICKY)
        await t.call('audio.importTranscript', { id, text, name: `a.${a}`, format: a }, ann())
        const asB = await t.call('audio.exportTranscript', { id, format: b }, ann())
        await t.call('audio.importTranscript', { id, text: asB.text, name: `b.${b}` }, ann())
        const backToA = await t.call('audio.exportTranscript', { id, format: a }, ann())
        expect(parseTranscript(backToA.text, CODEC[a]).cues, `${a} → ${b} → ${a}`).toEqual(TRICKY)
      }
    }
  })

  it.each([
    [
      'an unterminated cue',
      'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nOne\n\n00:00:03.000 -->\nTwo\n',
      /^Line 6: .*unterminated/,
    ],
    [
      'a bad timestamp on line 7',
      '1\n00:00:01,000 --> 00:00:02,000\nHello\nworld\n\n2\n00:00:5,000 --> 00:00:06,000\nx\n',
      /^Line 7: /,
    ],
    ['JSON of the wrong shape', '{"lines": {"startTime": "00:00:01,000"}}', /lines/],
    ['JSON cut short', '{"segments": [{"startTime": 1', /JSON is broken/],
    ['text in no format', 'just some words', /cannot tell which transcript format/],
  ])(
    'refuses %s with a clear invalid_transcript error and keeps the transcript',
    async (_what, text, message) => {
      const before = await t.call('audio.transcript', { id }, ann())
      await expect(t.call('audio.importTranscript', { id, text, name: 'bad' }, ann())).rejects.toMatchObject({
        code: 'invalid_transcript',
        message: expect.stringMatching(message),
      })
      expect(await t.call('audio.transcript', { id }, ann())).toEqual(before)
    },
  )

  it('says how to get a transcript when there is none', async () => {
    const other = makeChapteredAudio(join(files, 'other.mp3'), 'mp3', {
      seconds: 2,
      chapters: false,
      frequency: 300,
    })
    const otherId = (await t.call('media.import', { paths: [other] }, ann()))[0]?.id as number
    await expect(
      t.call('audio.exportTranscript', { id: otherId, format: 'vtt' }, ann()),
    ).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/--import FILE/),
    })
    expect(await t.call('audio.transcript', { id: otherId }, ann())).toMatchObject({ format: null, cues: 0 })
  })

  it('works from the command line', () => {
    const library = t.library.dir
    t.library.close()
    const path = write('cli.vtt', UPLOADS.vtt)
    const imported = runCli([
      '--library',
      library,
      '--user',
      'ann',
      'audio',
      'transcript',
      String(id),
      '--import',
      path,
    ])
    expect(imported.code).toBe(0)
    expect(imported.stdout).toMatch(/2 cues \(vtt\); speakers: Ana, Ben Müller/)
    const srt = runCli([
      '--library',
      library,
      '--user',
      'ann',
      'audio',
      'transcript',
      String(id),
      '--export',
      'srt',
    ])
    expect(srt.stdout).toBe(transcriptCodecs.srt.serialize(EXPECTED))
  })
})
