import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AudioItem, ImageItem, ImportOutcome, MediaItem, VideoItem } from '../../../src/shared/media'
import { makeAudio, makeDir, makeImage, makeVideo, probeDurationMs } from '../../helpers/media-fixtures'
import { runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'

const MINIMAL_PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n'

describe('importing a mixed podcast folder', () => {
  const root = tempDir()
  const library = join(root, 'library')
  const folder = makeDir(root, 'episode-12')
  let outcomes: ImportOutcome[]
  let exitCode: number
  const byName = (name: string) => {
    const found = outcomes.find((o) => o.path.endsWith(`/${name}`))
    if (!found) throw new Error(`no outcome for ${name}`)
    return found
  }
  const show = <T extends MediaItem>(id: number | undefined) =>
    runCliJson<T>(['--library', library, 'show', String(id)]).json

  beforeAll(async () => {
    await makeImage(join(folder, 'cover.jpg'), 'jpeg', { width: 120, height: 80 })
    await makeImage(join(folder, 'logo.png'), 'png', { width: 50, height: 50, seed: 2 })
    await makeImage(join(folder, 'banner.webp'), 'webp', { width: 90, height: 30, seed: 3 })
    await makeImage(join(root, 'real.png'), 'png', { width: 40, height: 30, seed: 4 })
    copyFileSync(join(root, 'real.png'), join(folder, 'renamed.jpg'))
    makeAudio(join(folder, 'ep12.mp3'), 'mp3', { seconds: 3, chapters: true })
    makeAudio(join(folder, 'ep12.m4a'), 'm4a', { seconds: 3, chapters: true })
    makeAudio(join(folder, 'bonus.opus'), 'opus', { seconds: 2 })
    makeVideo(join(folder, 'trailer.mp4'), { width: 320, height: 180, seconds: 2 })
    writeFileSync(join(folder, 'show-notes.pdf'), MINIMAL_PDF)
    writeFileSync(join(folder, 'empty.mp3'), '')
    runCliJson(['--library', library, 'init'])
    const result = runCliJson<ImportOutcome[]>(['--library', library, 'import', folder])
    outcomes = result.json
    exitCode = result.code
  })

  it('classifies every file by its content', () => {
    expect(outcomes).toHaveLength(10)
    const types = Object.fromEntries(outcomes.map((o) => [o.path.split('/').at(-1), o.type ?? o.status]))
    expect(types).toEqual({
      'banner.webp': 'image',
      'bonus.opus': 'audio',
      'cover.jpg': 'image',
      'empty.mp3': 'error',
      'ep12.m4a': 'audio',
      'ep12.mp3': 'audio',
      'logo.png': 'image',
      'renamed.jpg': 'image',
      'show-notes.pdf': 'file',
      'trailer.mp4': 'video',
    })
  })

  it('reports the zero-byte file as a per-file error and exits 1', () => {
    expect(exitCode).toBe(1)
    expect(byName('empty.mp3')).toMatchObject({ status: 'error', error: { code: 'empty_file' } })
    expect(byName('empty.mp3').error?.message).toMatch(/empty\.mp3 is empty/)
  })

  it('joins the mp3 and m4a of one episode into one Audio with its embedded chapters', () => {
    const mp3 = byName('ep12.mp3')
    const m4a = byName('ep12.m4a')
    expect(mp3.status).toBe('imported')
    expect(m4a.id).toBe(mp3.id)
    const audio = show<AudioItem>(mp3.id)
    expect(audio.files.map((f) => [f.format, f.mime])).toEqual([
      ['mp3', 'audio/mpeg'],
      ['m4a', 'audio/mp4'],
    ])
    expect(audio.chapters.map((c) => [c.start_ms, c.title])).toEqual([
      [0, 'Intro'],
      [1500, 'Main topic'],
    ])
  })

  it('imports the PNG named .jpg as a PNG', () => {
    const image = show<ImageItem>(byName('renamed.jpg').id)
    expect(image).toMatchObject({ format: 'png', width: 40, height: 30 })
    expect(image.file.key).toMatch(/^original_images\/renamed\.png$/)
  })

  it('measures durations that agree with ffprobe within 50 ms', () => {
    for (const name of ['ep12.mp3', 'bonus.opus']) {
      const audio = show<AudioItem>(byName(name).id)
      expect(Math.abs((audio.duration_ms ?? 0) - probeDurationMs(join(folder, name)))).toBeLessThanOrEqual(50)
    }
    const video = show<VideoItem>(byName('trailer.mp4').id)
    expect(video).toMatchObject({ width: 320, height: 180, orientation: 'landscape', poster_seconds: 1 })
    expect(
      Math.abs((video.duration_ms ?? 0) - probeDurationMs(join(folder, 'trailer.mp4'))),
    ).toBeLessThanOrEqual(50)
  })

  it('stores each file under its django-cast prefix with the right hash', () => {
    const image = show<ImageItem>(byName('cover.jpg').id)
    expect(image.file.key).toBe('original_images/cover.jpg')
    const file = show<MediaItem & { type: 'file'; mime: string; size: number }>(byName('show-notes.pdf').id)
    expect(file).toMatchObject({ type: 'file', mime: 'application/pdf', size: MINIMAL_PDF.length })
  })

  it('reports every file as a duplicate when the folder is imported again', () => {
    const again = runCliJson<ImportOutcome[]>(['--library', library, 'import', folder]).json
    for (const outcome of again) {
      const first = outcomes.find((o) => o.path === outcome.path)
      if (first?.status === 'error') expect(outcome.status).toBe('error')
      else expect(outcome).toMatchObject({ status: 'duplicate', id: first?.id, type: first?.type })
    }
    const listed = runCliJson<MediaItem[]>(['--library', library, 'list']).json
    // The eight imported items; the trailer's poster (made by the import's jobs) is part of its video.
    expect(listed.map((i) => i.title).filter((t) => t.endsWith('(poster)'))).toEqual([])
    expect(listed).toHaveLength(8)
    const trailer = listed.find((i) => i.title === 'trailer')
    expect(trailer?.type === 'video' && trailer.poster?.image_id).toBeGreaterThan(0)
  })
})
