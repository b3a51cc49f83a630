import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AudioItem, ImportOutcome } from '../../../src/shared/media'
import { makeDir } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import { FIXTURE_CHAPTERS, makeChapteredAudio, probeFile } from './audio-fixtures'

const FORMATS = ['mp3', 'm4a', 'oga', 'opus'] as const

describe('audio with chapters embedded by ffmpeg, in all four formats', () => {
  const root = tempDir('castdesk-audio-embedded-')
  const folder = makeDir(root, 'in')
  let t: TestLibrary
  let outcomes: ImportOutcome[]
  const ann = () => t.as('ann')
  const idOf = (name: string) => outcomes.find((o) => o.path.endsWith(`/${name}`))?.id as number

  beforeAll(async () => {
    for (const format of FORMATS) {
      makeChapteredAudio(join(folder, `solo-${format}.${format}`), format, { seconds: 9 })
      makeChapteredAudio(join(folder, `ep7.${format}`), format, { seconds: 9, frequency: 330 })
    }
    t = await openTestLibrary(join(root, 'library'))
    outcomes = await t.call('media.import', { paths: [folder] }, ann())
  })

  it('imports every file', () => {
    expect(outcomes.map((o) => o.status)).toEqual(Array(8).fill('imported'))
  })

  it.each(FORMATS)('reads the %s duration within 50 ms of ffprobe', async (format) => {
    const item = (await t.call('media.show', { id: idOf(`solo-${format}.${format}`) }, ann())) as AudioItem
    const probed = probeFile(join(folder, `solo-${format}.${format}`))
    expect(Math.abs((item.duration_ms ?? -1) - probed.durationMs)).toBeLessThanOrEqual(50)
    expect(Math.abs((item.duration_ms ?? -1) - 9000)).toBeLessThanOrEqual(50)
  })

  it.each(FORMATS)('imports the chapters embedded in %s with their starts and titles', async (format) => {
    const probed = probeFile(join(folder, `solo-${format}.${format}`))
    expect(probed.chapters).toEqual(FIXTURE_CHAPTERS)
    const { chapters } = await t.call('audio.chapters', { id: idOf(`solo-${format}.${format}`) }, ann())
    expect(chapters.map((c) => ({ startMs: c.start_ms, title: c.title }))).toEqual(FIXTURE_CHAPTERS)
  })

  it('joins the four formats of one episode and keeps one set of chapters', async () => {
    const ids = new Set(FORMATS.map((f) => idOf(`ep7.${f}`)))
    expect(ids.size).toBe(1)
    const item = (await t.call('media.show', { id: [...ids][0] as number }, ann())) as AudioItem
    expect(item.files.map((f) => [f.format, f.mime])).toEqual([
      ['mp3', 'audio/mpeg'],
      ['m4a', 'audio/mp4'],
      ['oga', 'audio/ogg'],
      ['opus', 'audio/opus'],
    ])
    expect(item.chapters.map((c) => ({ startMs: c.start_ms, title: c.title }))).toEqual(FIXTURE_CHAPTERS)
  })

  it('re-reads embedded chapters on demand, replacing edited ones', async () => {
    for (const format of FORMATS) {
      const id = idOf(`solo-${format}.${format}`)
      await t.call('audio.setChapters', { id, chapters: [{ start_ms: 1000, title: 'Edited' }] }, ann())
      const reread = await t.call('audio.readEmbeddedChapters', { id }, ann())
      expect(reread.source).toBe(format)
      expect(reread.chapters.map((c) => ({ startMs: c.start_ms, title: c.title }))).toEqual(FIXTURE_CHAPTERS)
    }
  })

  it('says so, and keeps the marks, when no file has chapters', async () => {
    const plain = join(makeDir(root, 'plain'), 'plain.mp3')
    makeChapteredAudio(plain, 'mp3', { chapters: false, seconds: 3 })
    const [outcome] = await t.call('media.import', { paths: [plain] }, ann())
    const id = outcome?.id as number
    await t.call('audio.setChapters', { id, chapters: [{ start_ms: 0, title: 'Mine' }] }, ann())
    await expect(t.call('audio.readEmbeddedChapters', { id }, ann())).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/has chapter marks embedded; the 1 chapter marks you have were kept/),
    })
    expect((await t.call('audio.chapters', { id }, ann())).chapters.map((c) => c.title)).toEqual(['Mine'])
  })
})
