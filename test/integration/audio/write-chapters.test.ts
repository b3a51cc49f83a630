import { createHash } from 'node:crypto'
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { createDispatcher } from '../../../src/main/api/dispatch'
import { createHandlers } from '../../../src/main/api/handlers'
import { actingUser } from '../../../src/main/api/users.handlers'
import { Library } from '../../../src/main/library/library'
import { readId3Chapters } from '../../../src/main/media/audio/chapters/id3-chapters'
import { readId3TagBytes } from '../../../src/main/media/audio/embedded-chapters-reader'
import type { AudioItem } from '../../../src/shared/media'
import { ffmpegPath, makeDir } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import { makeChapteredAudio, probeFile } from './audio-fixtures'

const FORMATS = ['mp3', 'm4a', 'oga', 'opus'] as const

const NEW_CHAPTERS = [
  { start_ms: 0, title: 'Welcome', link: 'https://example.org/welcome', image: null },
  { start_ms: 1234, title: 'Grüße & “quotes” = fine', link: null, image: 'https://example.org/img.jpg' },
  { start_ms: 4500, title: 'Links 🎧', link: 'https://example.org/a?b=1&c=ü', image: null },
  { start_ms: 8999, title: 'Last', link: null, image: null },
]
const WRITTEN = NEW_CHAPTERS.map((c) => ({ startMs: c.start_ms, title: c.title }))

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex')

describe('writing chapter marks into the audio files', () => {
  const root = tempDir('castdesk-audio-write-')
  const folder = makeDir(root, 'in')
  let t: TestLibrary
  let id: number
  const ann = () => t.as('ann')
  const show = async () => (await t.call('media.show', { id }, ann())) as AudioItem

  beforeAll(async () => {
    for (const format of FORMATS) {
      makeChapteredAudio(join(folder, `kr12.${format}`), format, { seconds: 10, cover: true })
    }
    t = await openTestLibrary(join(root, 'library'))
    const outcomes = await t.call('media.import', { paths: [folder] }, ann())
    id = outcomes[0]?.id as number
    await t.call('audio.setChapters', { id, chapters: NEW_CHAPTERS }, ann())
  })

  it('writes them into every format, and ffprobe reads back exactly what was written', async () => {
    const before = await show()
    const result = await t.call('audio.writeChapters', { id }, ann())
    expect(result.files.map((f) => [f.format, f.chapters])).toEqual(FORMATS.map((f) => [f, 4]))
    const after = await show()
    for (const file of after.files) {
      const probed = probeFile(file.path as string)
      expect(probed.chapters).toEqual(WRITTEN)
      expect(Math.abs(probed.durationMs - (after.duration_ms ?? 0))).toBeLessThanOrEqual(50)
      const old = before.files.find((f) => f.format === file.format)
      expect(file.key).toBe(old?.key)
      expect(file.sha256).not.toBe(old?.sha256)
    }
  })

  it('records the new size and SHA-256 of each file', async () => {
    for (const file of (await show()).files) {
      expect(file.size).toBe(statSync(file.path as string).size)
      expect(file.sha256).toBe(sha256(file.path as string))
    }
    await t.call('media.verify', { id }, ann())
    const run = await t.call('jobs.run', {}, ann())
    expect(run.failed).toBe(0)
  })

  it('writes an ID3 table of contents and the links into the MP3', async () => {
    const mp3 = (await show()).files.find((f) => f.format === 'mp3')?.path as string
    const id3 = readId3Chapters((await readId3TagBytes(mp3)) as Buffer)
    expect(id3.chapters.map((c) => [c.startMs, c.title, c.link])).toEqual([
      [0, 'Welcome', 'https://example.org/welcome'],
      [1234, 'Grüße & “quotes” = fine', null],
      [4500, 'Links 🎧', 'https://example.org/a?b=1&c=%C3%BC'],
      [8999, 'Last', null],
    ])
    expect(id3.tocs).toHaveLength(1)
    expect(id3.tocs[0]).toMatchObject({ topLevel: true, ordered: true })
    expect(id3.tocs[0]?.children).toEqual(id3.chapters.map((c) => c.elementId))
  })

  it('writes the links of Ogg files as CHAPTERnnnURL comments', async () => {
    for (const format of ['oga', 'opus'] as const) {
      const path = (await show()).files.find((f) => f.format === format)?.path as string
      const tags = probeFile(path).json.streams.find((s) => s.codec_type === 'audio')?.tags ?? {}
      const urls = Object.entries(tags).filter(([key]) => /URL$/i.test(key))
      expect(urls.map(([key, value]) => [key.toUpperCase(), value])).toEqual([
        ['CHAPTER001URL', 'https://example.org/welcome'],
        ['CHAPTER003URL', 'https://example.org/a?b=1&c=%C3%BC'],
      ])
    }
  })

  it('keeps the cover picture and re-encodes nothing', async () => {
    for (const file of (await show()).files.filter((f) => f.format === 'mp3' || f.format === 'm4a')) {
      const streams = probeFile(file.path as string).json.streams
      expect(streams.find((s) => s.codec_type === 'video')?.disposition?.attached_pic).toBe(1)
      expect(streams.find((s) => s.codec_type === 'audio')?.codec_name).toBe(
        file.format === 'mp3' ? 'mp3' : 'aac',
      )
    }
  })

  it('starts the first M4A chapter at 0 (a chapter track has no gap), and says nothing else changed', async () => {
    await t.call('audio.setChapters', { id, chapters: NEW_CHAPTERS.slice(1) }, ann())
    await t.call('audio.writeChapters', { id }, ann())
    const files = (await show()).files
    const m4a = probeFile(files.find((f) => f.format === 'm4a')?.path as string).chapters
    expect(m4a).toEqual([{ startMs: 0, title: WRITTEN[1]?.title }, ...WRITTEN.slice(2)])
    const mp3 = probeFile(files.find((f) => f.format === 'mp3')?.path as string).chapters
    expect(mp3).toEqual(WRITTEN.slice(1))
  })

  it('removes every chapter from the files when the list is empty', async () => {
    await t.call('audio.setChapters', { id, chapters: [] }, ann())
    await t.call('audio.writeChapters', { id }, ann())
    for (const file of (await show()).files) expect(probeFile(file.path as string).chapters).toEqual([])
  })

  it('refuses more chapters than an MP3 table of contents holds, before touching a file', async () => {
    const many = Array.from({ length: 256 }, (_, i) => ({ start_ms: i * 30, title: `C${i}` }))
    await t.call('audio.setChapters', { id, chapters: many }, ann())
    const before = (await show()).files.map((f) => f.sha256)
    await expect(t.call('audio.writeChapters', { id }, ann())).rejects.toMatchObject({
      code: 'invalid_chapters',
      message: expect.stringMatching(/MP3 files hold at most 255 chapters/),
    })
    expect((await show()).files.map((f) => f.sha256)).toEqual(before)
  })
})

describe('a chapter write that does not read back as written', () => {
  const root = tempDir('castdesk-audio-write-bad-')

  it('is an error that leaves every original file untouched', async () => {
    const mp3 = makeChapteredAudio(join(makeDir(root, 'in'), 'ep.mp3'), 'mp3', { seconds: 4 })
    // An "ffmpeg" that copies its input to the output and ignores the chapters.
    const fake = join(root, 'fake-ffmpeg')
    writeFileSync(fake, `#!/bin/sh\nin="$6"\nfor last; do :; done\ncp "$in" "$last"\n`)
    chmodSync(fake, 0o755)
    const library = await Library.open(join(root, 'library'), {
      create: true,
      env: { ...process.env, FFMPEG_PATH: fake },
    })
    try {
      const call = createDispatcher(createHandlers(library))
      const context = { user: actingUser(library, 'ann') }
      const [outcome] = await call('media.import', { paths: [mp3] }, context)
      const audioId = outcome?.id as number
      const before = (await call('media.show', { id: audioId }, context)) as AudioItem
      const stored = before.files[0]?.path as string
      const bytes = readFileSync(stored)
      await call('audio.setChapters', { id: audioId, chapters: [{ start_ms: 0, title: 'Other' }] }, context)
      await expect(call('audio.writeChapters', { id: audioId }, context)).rejects.toMatchObject({
        code: 'tool_failed',
        message: expect.stringMatching(/did not read back as written .*The file is unchanged/),
      })
      expect(readFileSync(stored).equals(bytes)).toBe(true)
      const after = (await call('media.show', { id: audioId }, context)) as AudioItem
      expect(after.files[0]?.sha256).toBe(before.files[0]?.sha256)
      expect(after.files[0]?.size).toBe(bytes.length)
    } finally {
      library.close()
    }
    expect(ffmpegPath()).not.toBe(fake)
  })
})
