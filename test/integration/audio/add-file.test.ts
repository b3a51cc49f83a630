import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AudioItem } from '../../../src/shared/media'
import { makeDir, makeImage } from '../../helpers/media-fixtures'
import { runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import { makeChapteredAudio, probeFile } from './audio-fixtures'

describe('adding and replacing one format of an Audio', () => {
  const root = tempDir('castdesk-audio-add-')
  const files = makeDir(root, 'files')
  let t: TestLibrary
  let id: number
  const ann = () => t.as('ann')
  const show = async () => (await t.call('media.show', { id }, ann())) as AudioItem

  beforeAll(async () => {
    makeChapteredAudio(join(files, 'ep12.m4a'), 'm4a', { seconds: 6, chapters: false })
    makeChapteredAudio(join(files, 'ep12-final.mp3'), 'mp3', { seconds: 9 })
    makeChapteredAudio(join(files, 'ep12-fixed.mp3'), 'mp3', { seconds: 9, frequency: 660 })
    makeChapteredAudio(join(files, 'bonus.opus'), 'opus', { seconds: 9 })
    await makeImage(join(files, 'cover.png'), 'png')
    t = await openTestLibrary(join(root, 'library'))
    id = (await t.call('media.import', { paths: [join(files, 'ep12.m4a')] }, ann()))[0]?.id as number
  })

  it('adds a format under another name; the first file in mp3, m4a, oga, opus order sets the duration', async () => {
    expect((await show()).duration_ms).toBeCloseTo(6000, -2)
    const added = await t.call('audio.addFile', { id, path: join(files, 'ep12-final.mp3') }, ann())
    expect(added).toMatchObject({ id, format: 'mp3', replaced: false })
    expect(added.file.key).toBe('cast_audio/ep12-final.mp3')
    expect(
      Math.abs((added.duration_ms ?? 0) - probeFile(join(files, 'ep12-final.mp3')).durationMs),
    ).toBeLessThan(50)
    const audio = await show()
    expect(audio.files.map((f) => f.format)).toEqual(['mp3', 'm4a'])
    // The Audio had no chapter marks: those embedded in the new file are taken.
    expect(audio.chapters.map((c) => c.title)).toEqual(['Intro', 'Küche = kitchen', 'Outro 🎙'])
  })

  it('replaces the file of a format and removes the old file only after the new one is stored', async () => {
    const before = await show()
    const oldPath = before.files.find((f) => f.format === 'mp3')?.path as string
    const replaced = await t.call('audio.addFile', { id, path: join(files, 'ep12-fixed.mp3') }, ann())
    expect(replaced).toMatchObject({ format: 'mp3', replaced: true })
    expect(existsSync(oldPath)).toBe(false)
    expect(
      readFileSync(replaced.file.path as string).equals(readFileSync(join(files, 'ep12-fixed.mp3'))),
    ).toBe(true)
    const after = await show()
    expect(after.files.map((f) => f.format)).toEqual(['mp3', 'm4a'])
    expect(after.files[0]?.sha256).toBe(replaced.file.sha256)
    expect(
      t.library.blobs
        .forMedia(id)
        .map((b) => b.key)
        .sort(),
    ).toEqual(after.files.map((f) => f.key).sort())
  })

  it('reports the same file added again as unchanged, and another item’s file as a duplicate', async () => {
    const again = await t.call('audio.addFile', { id, path: join(files, 'ep12-fixed.mp3') }, ann())
    expect(again.replaced).toBe(false)
    const other = (await t.call('media.import', { paths: [join(files, 'bonus.opus')] }, ann()))[0]
      ?.id as number
    expect(other).not.toBe(id)
    await expect(
      t.call('audio.addFile', { id, path: join(files, 'bonus.opus') }, ann()),
    ).rejects.toMatchObject({
      code: 'duplicate',
    })
  })

  it('refuses what is not audio and leaves the Audio as it was', async () => {
    const before = await show()
    await expect(
      t.call('audio.addFile', { id, path: join(files, 'cover.png') }, ann()),
    ).rejects.toMatchObject({
      code: 'unsupported_media',
      message: expect.stringMatching(/not audio/),
    })
    const fake = join(files, 'fake.mp3')
    writeFileSync(fake, 'this is not an mp3 at all, just text pretending to be one')
    await expect(t.call('audio.addFile', { id, path: fake }, ann())).rejects.toMatchObject({
      code: 'corrupt_media',
    })
    expect(await show()).toEqual(before)
  })

  it('says not found for another user’s audio', async () => {
    await expect(
      t.call('audio.addFile', { id, path: join(files, 'ep12-final.mp3') }, t.as('bob')),
    ).rejects.toMatchObject({ code: 'not_found' })
  })

  it('works from the command line', () => {
    const library = t.library.dir
    t.library.close()
    makeChapteredAudio(join(files, 'ep12.oga'), 'oga', { seconds: 9 })
    const result = runCliJson<{ format: string; replaced: boolean }>([
      '--library',
      library,
      '--user',
      'ann',
      'audio',
      'add-file',
      String(id),
      join(files, 'ep12.oga'),
    ])
    expect(result.code).toBe(0)
    expect(result.json).toMatchObject({ format: 'oga', replaced: false })
  })
})
