import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { itemFileForDesktop, primaryLocalPath } from '../../../src/main/desktop/item-file'
import type { MediaItem } from '../../../src/shared/media'
import { makeAudio, makeDir, makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'

/** Drag-out and "Reveal in folder" get an item id from the page; the file is found here, never taken from it. */
describe('itemFileForDesktop', () => {
  const root = tempDir('castdesk-item-file-')
  const sources = makeDir(root, 'sources')
  let lib: TestLibrary
  const ids: Record<string, number> = {}

  beforeAll(async () => {
    lib = await openTestLibrary(join(root, 'library'))
    makeAudio(join(sources, 'episode.mp3'), 'mp3')
    await makeImage(join(sources, 'cover.png'), 'png', { seed: 3 })
    await makeImage(join(sources, 'gone.png'), 'png', { seed: 4 })
    for (const [name, who] of [
      ['episode.mp3', 'alice'],
      ['cover.png', 'bob'],
      ['gone.png', 'alice'],
    ] as const) {
      const [outcome] = await lib.call('media.import', { paths: [join(sources, name)] }, lib.as(who))
      ids[name] = outcome?.id as number
    }
  })

  it('finds the acting user’s file inside the library folder, with the imported bytes', async () => {
    const path = await itemFileForDesktop(lib.call, ids['episode.mp3'], lib.as('alice'))
    expect(path.startsWith(join(root, 'library', 'media'))).toBe(true)
    expect(readFileSync(path)).toEqual(readFileSync(join(sources, 'episode.mp3')))
  })

  it('refuses another user’s item as if it did not exist', async () => {
    await expect(itemFileForDesktop(lib.call, ids['cover.png'], lib.as('alice'))).rejects.toMatchObject({
      code: 'not_found',
    })
  })

  it.each([
    ['a path', '/etc/passwd'],
    ['a traversal', '../../library.sqlite'],
    ['zero', 0],
    ['a negative id', -1],
    ['a fraction', 1.5],
    ['an object', { id: 1 }],
    ['nothing', undefined],
  ])('rejects %s from the page as invalid input', async (_what, id) => {
    await expect(itemFileForDesktop(lib.call, id, lib.as('alice'))).rejects.toMatchObject({
      code: 'invalid_input',
    })
  })

  it('says so when the file has gone missing from the library folder', async () => {
    const item = await lib.call('media.show', { id: ids['gone.png'] as number }, lib.as('alice'))
    rmSync(primaryLocalPath(item) as string)
    await expect(itemFileForDesktop(lib.call, ids['gone.png'], lib.as('alice'))).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('missing from the library folder'),
    })
  })
})

describe('primaryLocalPath', () => {
  const base = { id: 1, title: 't', owner: 'a', created: '', modified: '', tags: [] }
  const file = (format: string, path: string | null) => ({
    key: `cast_audio/e.${format}`,
    size: 1,
    sha256: '',
    mime: '',
    original_name: null,
    path,
    format,
    loudness: null,
  })

  it('prefers mp3, then m4a, oga and opus, skipping formats with no local path', () => {
    const audio = (files: ReturnType<typeof file>[]) =>
      ({
        ...base,
        type: 'audio',
        subtitle: '',
        duration_ms: 1,
        chapters: [],
        has_transcript: false,
        files,
        master: null,
      }) as MediaItem
    expect(primaryLocalPath(audio([file('opus', '/o'), file('m4a', '/m'), file('mp3', '/3')]))).toBe('/3')
    expect(primaryLocalPath(audio([file('opus', '/o'), file('mp3', null), file('oga', '/g')]))).toBe('/g')
    expect(primaryLocalPath(audio([file('mp3', null)]))).toBeNull()
  })
})
