import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseFile } from 'music-metadata'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildPage, parsePage } from '../../../src/main/media/audio/encode/ogg-pages.codec'
import type { AudioItem, ImportOutcome } from '../../../src/shared/media'
import { ffmpegPath, makeDir, makeImage, probeDurationMs } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import { makeMaster, speechLike } from './master-fixtures'

/** Every page of an Ogg file, checked: the CRC of each page matches its bytes, and sequence numbers run on. */
function checkPages(path: string): number {
  const bytes = readFileSync(path)
  let offset = 0
  let sequence = 0
  while (offset < bytes.length) {
    const parsed = parsePage(bytes, offset)
    if (!parsed) throw new Error(`cut-off page at ${offset}`)
    expect(buildPage(parsed.page).equals(bytes.subarray(offset, offset + parsed.length))).toBe(true)
    expect(parsed.page.sequence).toBe(sequence++)
    offset += parsed.length
  }
  return sequence
}

describe('audio encode: the cover in Opus and Vorbis files', () => {
  const root = tempDir('castdesk-encode-ogg-')
  const files = makeDir(root, 'files')
  let t: TestLibrary
  const ann = () => t.as('ann')

  beforeAll(async () => {
    t = await openTestLibrary(join(root, 'library'))
    const cover = await makeImage(join(files, 'cover.png'), 'png', { width: 3400, height: 3400 })
    const coverId = ((await t.call('media.import', { paths: [cover] }, ann()))[0] as ImportOutcome).id
    await t.call('podcast.init', { title: 'Kitchen Radio', author: 'Ana Baker', cover: coverId }, ann())
  })

  it('embeds it as METADATA_BLOCK_PICTURE, the same JPEG as the MP3 cover, in valid pages', {
    timeout: 120_000,
  }, async () => {
    const master = makeMaster(join(files, 'ep3.wav'), { source: speechLike(0.1), seconds: 20 })
    const id = ((await t.call('media.import', { paths: [master] }, ann()))[0] as ImportOutcome).id as number
    await t.call(
      'audio.setChapters',
      { id, chapters: [{ start_ms: 0, title: 'Intro', link: 'https://example.org/intro', image: null }] },
      ann(),
    )
    await t.call('audio.update', { id, title: 'Rye' }, ann())
    await t.call('audio.encode', { id, formats: ['mp3', 'opus', 'oga'] }, ann())
    const audio = (await t.call('media.show', { id }, ann())) as AudioItem
    expect(audio.files.map((f) => f.format)).toEqual(['mp3', 'oga', 'opus'])
    const mp3Cover = (await parseFile(audio.files[0]?.path as string)).common.picture?.[0]
    expect(mp3Cover?.data.length).toBeGreaterThan(1000)
    for (const file of audio.files.slice(1)) {
      const path = file.path as string
      // More pages than the 64 kB a header page holds: the audio pages were renumbered, CRCs and all.
      expect(checkPages(path)).toBeGreaterThan(3)
      const meta = await parseFile(path)
      expect(meta.common.title).toBe('Rye')
      expect(meta.common.album).toBe('Kitchen Radio')
      const picture = meta.common.picture?.[0]
      expect(picture?.format).toBe('image/jpeg')
      expect(picture?.type).toBe('Cover (front)')
      expect(Buffer.from(picture?.data ?? []).equals(Buffer.from(mp3Cover?.data ?? [1]))).toBe(true)
      // The audio decodes to the end without a complaint, and lasts as long as the master.
      const log = execFileSync(ffmpegPath(), ['-v', 'error', '-i', path, '-f', 'null', '-'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      expect(log).toBe('')
      expect(Math.abs((probeDurationMs(path) ?? 0) - 20_000)).toBeLessThanOrEqual(100)
      expect(file.loudness?.integrated_lufs).toBeCloseTo(-16, 0)
    }
  })
})
