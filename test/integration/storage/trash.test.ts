import { existsSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { mediaHandlers } from '../../../src/main/api/media.handlers'
import type { ImageItem } from '../../../src/shared/media'
import { freshDirs } from '../../helpers/fresh-dirs'
import { makeDir, makeImage } from '../../helpers/media-fixtures'
import { openLibrary } from './support/library-fixture'

const dirs = freshDirs('castdesk-trash-')

async function libraryWithTwoImages(deleteFilesOnTrashEmpty?: boolean) {
  const root = dirs.make()
  const dir = join(root, 'library')
  const config = {
    storages: { default: { type: 'local', location: 'media' } },
    ...(deleteFilesOnTrashEmpty === undefined ? {} : { deleteFilesOnTrashEmpty }),
  }
  const lib = await openLibrary(dir, config)
  dirs.cleanup(lib.close)
  const inbox = makeDir(root, 'inbox')
  await makeImage(join(inbox, 'keep.png'), 'png', { seed: 1 })
  await makeImage(join(inbox, 'drop.png'), 'png', { seed: 2 })
  await lib.library.importer.importPaths(lib.context.user.id, [inbox])
  const items = lib.library.mediaRead.list(lib.context.user.id) as ImageItem[]
  const drop = items.find((i) => i.title === 'drop') as ImageItem
  const media = mediaHandlers(lib.library)
  const remove = (id: number) => media['media.delete']({ id }, lib.context)
  return { ...lib, dir, inbox, drop, path: join(dir, 'media', drop.file.key), remove }
}

describe('the trash', () => {
  it('hides a deleted item from its owner but keeps its file until the trash is emptied', async () => {
    const { library, call, context, drop, path, remove } = await libraryWithTwoImages()
    await remove(drop.id)
    expect(library.mediaRead.list(context.user.id).map((i) => i.title)).toEqual(['keep'])
    expect(library.mediaRead.get(context.user.id, drop.id)).toBeNull()
    await expect(remove(drop.id)).rejects.toMatchObject({ code: 'not_found' })
    expect(existsSync(path)).toBe(true)
    expect((await call('trash.list', {}, context)).map((i) => i.id)).toEqual([drop.id])
    expect((await call('maintenance.stale', { storage: 'default' }, context)).files).toEqual([])

    // One of the library's two files: more than maxDeleteFraction, so it takes --max-delete.
    await expect(call('trash.empty', {}, context)).rejects.toMatchObject({ code: 'too_many_deletes' })
    expect(existsSync(path)).toBe(true)
    const emptied = await call('trash.empty', { maxDelete: 1 }, context)
    expect(emptied).toMatchObject({ items: 1, files: 1, filesKept: false, failures: [] })
    expect(existsSync(path)).toBe(false)
    expect(existsSync(join(emptied.quarantine?.location as string, drop.file.key))).toBe(true)
    expect(library.blobs.forMedia(drop.id)).toEqual([])
    expect(await call('trash.list', {}, context)).toEqual([])
  })

  it('restores an item from the trash, by command or by importing the same bytes again', async () => {
    const { library, call, context, drop, inbox, remove } = await libraryWithTwoImages()
    await remove(drop.id)
    await call('trash.restore', { id: drop.id }, context)
    expect(library.mediaRead.get(context.user.id, drop.id)?.id).toBe(drop.id)
    await expect(call('trash.restore', { id: drop.id }, context)).rejects.toMatchObject({ code: 'not_found' })

    await remove(drop.id)
    const again = await library.importer.importPaths(context.user.id, [join(inbox, 'drop.png')])
    expect(again[0]).toMatchObject({ status: 'duplicate', id: drop.id })
    expect(library.mediaRead.get(context.user.id, drop.id)?.id).toBe(drop.id)
  })

  it('keeps the files when deleteFilesOnTrashEmpty is false; media_stale then finds them', async () => {
    const { call, context, drop, path, remove } = await libraryWithTwoImages(false)
    await remove(drop.id)
    expect(await call('trash.empty', {}, context)).toMatchObject({ items: 1, files: 0, filesKept: true })
    expect(existsSync(path)).toBe(true)
    // Imported well before the catalog's last write (else it would count as newer than the catalog).
    const before = new Date(Date.now() - 3_600_000)
    utimesSync(path, before, before)
    const stale = await call('maintenance.stale', { storage: 'default' }, context)
    expect(stale.files.map((f) => f.key)).toEqual([drop.file.key])
  })

  it('never shows one user’s trash to another', async () => {
    const { library, call, context, drop, remove } = await libraryWithTwoImages()
    await remove(drop.id)
    const bob = { user: library.users.insert('bob', new Date().toISOString()) }
    expect(await call('trash.list', {}, bob)).toEqual([])
    await expect(call('trash.restore', { id: drop.id }, bob)).rejects.toMatchObject({ code: 'not_found' })
    expect(await call('trash.empty', {}, bob)).toMatchObject({ items: 0 })
    expect((await call('trash.list', {}, context)).map((i) => i.id)).toEqual([drop.id])
  })
})
