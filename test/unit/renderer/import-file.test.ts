import { afterEach, describe, expect, it, vi } from 'vitest'
import { resultOfOutcomes } from '../../../src/renderer/src/features/import/outcome'
import type { ImportOutcome } from '../../../src/shared/media'

/** Loads the import adapter as the page would, with `window` as the desktop preload or a browser leaves it. */
async function loadImporter(castdesk: unknown) {
  vi.resetModules()
  vi.stubGlobal('window', { castdesk, location: { protocol: castdesk ? 'file:' : 'http:' } })
  return (await import('../../../src/renderer/src/features/import/import-file')).importer
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('importer (drop adapter)', () => {
  it('in the desktop window imports by the file’s path through media.import, sending no bytes', async () => {
    const call = vi.fn(async () => [
      { path: '/Users/ana/ep12.mp3', status: 'imported', id: 7, type: 'audio' },
    ])
    const pathsForFiles = vi.fn(() => ['/Users/ana/ep12.mp3'])
    const fetch = vi.fn()
    vi.stubGlobal('fetch', fetch)
    const importer = await loadImporter({ call, desktop: { pathsForFiles } })
    const file = new File(['x'], 'ep12.mp3')
    expect(await importer.importFile(file)).toEqual({
      status: 'imported',
      message: 'Imported as audio',
      id: 7,
    })
    expect(pathsForFiles).toHaveBeenCalledWith([file])
    expect(call).toHaveBeenCalledWith('media.import', { paths: ['/Users/ana/ep12.mp3'] })
    expect(fetch).not.toHaveBeenCalled()
    expect(importer.busyMessage).toBe('Importing…')
  })

  it('in the desktop window refuses a dropped item with no path on disk, without calling the engine', async () => {
    const call = vi.fn()
    const importer = await loadImporter({ call, desktop: { pathsForFiles: () => [''] } })
    const result = await importer.importFile(new File(['x'], 'pasted.png'))
    expect(result).toMatchObject({
      status: 'error',
      message: expect.stringContaining('not a file on this computer'),
    })
    expect(call).not.toHaveBeenCalled()
  })

  it('in the desktop window shows the engine’s error message', async () => {
    const call = vi.fn(async () => {
      throw Object.assign(new Error('The library is busy.'), { code: 'internal' })
    })
    const importer = await loadImporter({ call, desktop: { pathsForFiles: () => ['/a.png'] } })
    expect(await importer.importFile(new File(['x'], 'a.png'))).toEqual({
      status: 'error',
      message: 'The library is busy.',
    })
  })

  it('in a browser uploads the bytes to castdesk serve', async () => {
    const fetch = vi.fn(
      async () => new Response(JSON.stringify({ id: 3, type: 'image', title: 'cover' }), { status: 201 }),
    )
    vi.stubGlobal('fetch', fetch)
    const importer = await loadImporter(undefined)
    const result = await importer.importFile(new File(['x'], 'cover.png', { type: 'image/png' }))
    expect(result).toEqual({ status: 'imported', message: 'Imported as image “cover”', id: 3 })
    expect(fetch).toHaveBeenCalledWith('/api/images/', expect.objectContaining({ method: 'POST' }))
    expect(importer.busyMessage).toBe('Uploading…')
  })
})

describe('resultOfOutcomes', () => {
  const ok = (path: string, id: number): ImportOutcome => ({ path, status: 'imported', id, type: 'image' })
  const dup = (path: string): ImportOutcome => ({ path, status: 'duplicate', id: 1, type: 'image' })
  const bad = (path: string, message: string): ImportOutcome => ({
    path,
    status: 'error',
    error: { code: 'unsupported_media', message },
  })

  it('reports a single file as the engine did', () => {
    expect(resultOfOutcomes([dup('a.png')])).toEqual({
      status: 'duplicate',
      message: 'Already in your library.',
      id: 1,
    })
    expect(resultOfOutcomes([bad('a.xyz', 'a.xyz is not a media file.')])).toEqual({
      status: 'error',
      message: 'a.xyz is not a media file.',
    })
  })

  it('sums up a dropped folder in one line', () => {
    expect(resultOfOutcomes([ok('a', 1), ok('b', 2), dup('c'), bad('d', 'd is empty.')])).toEqual({
      status: 'imported',
      message: 'Imported 2 of 4 files · 1 already in your library · 1 failed (first: d is empty.)',
    })
    expect(resultOfOutcomes([dup('a'), dup('b')]).status).toBe('duplicate')
    expect(resultOfOutcomes([bad('a', 'x'), dup('b')]).status).toBe('error')
    expect(resultOfOutcomes([])).toMatchObject({ status: 'error' })
  })
})
