import { existsSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Library } from '../../../src/main/library/library'
import { makeAudio, makeDir } from '../../helpers/media-fixtures'
import { census, lost } from '../../helpers/storage-census'
import { tempDir } from '../../helpers/temp-dir'
import { type OpenLibrary, openLibrary, s3Storage } from './support/library-fixture'
import { credentialsEnv } from './support/s3-fixtures'
import { type S3TestServer, startS3Server } from './support/s3-server'

const MARKER = '.castdesk-storage.json'

/**
 * Issue 22 through the storage code the desktop main process runs (the library and its contract
 * handlers in this process): an emptied S3 prefix, the upgrade of a library made before markers.
 */
describe('storage markers through the library', () => {
  const root = tempDir('castdesk-markers-')
  let s3: S3TestServer
  let lib: OpenLibrary
  let dir: string
  let s3Objects: Map<string, string>

  beforeAll(async () => {
    s3 = await startS3Server(['prod'])
    dir = join(root, 'library')
    lib = await openLibrary(
      dir,
      {
        storages: {
          default: { type: 'local', location: 'media' },
          production: s3Storage(s3.endpoint, 'prod', { prefix: 'show' }),
        },
      },
      credentialsEnv('production'),
    )
    const inbox = makeDir(root, 'inbox')
    makeAudio(join(inbox, 'ep1.mp3'), 'mp3', { seconds: 1 })
    makeAudio(join(inbox, 'ep2.mp3'), 'mp3', { seconds: 1, frequency: 550 })
    await lib.library.importer.importPaths(lib.context.user.id, [inbox])
    await lib.call('storage.sync', {}, lib.context)
    s3Objects = new Map()
    for (const key of await s3.allKeys('prod')) s3Objects.set(key, await s3.sha256('prod', key))
  })
  afterAll(async () => {
    lib.close()
    await s3.stop()
  })

  const media = () => census({ media: join(dir, 'media') })

  it('storage.status reports each storage connected, with its census', async () => {
    const status = await lib.call('storage.status', { census: true }, lib.context)
    expect(status.map((s) => [s.name, s.state, s.census?.present, s.census?.referenced])).toEqual([
      ['default', 'ok', 2, 2],
      ['production', 'ok', 2, 2],
    ])
    expect(s3Objects.has(`show/${MARKER}`)).toBe(true)
  })

  it('an S3 prefix whose marker is gone is refused (storage_unmarked) by sync --delete, media_stale and publish', async () => {
    const before = media()
    await s3.remove('prod', `show/${MARKER}`)
    for (const run of [
      () => lib.call('storage.sync', { delete: true }, lib.context),
      () => lib.call('maintenance.stale', { storage: 'production', delete: true }, lib.context),
    ]) {
      await expect(run()).rejects.toMatchObject({
        code: 'storage_unmarked',
        message: expect.stringContaining('castdesk storages init production'),
      })
    }
    const publish = lib.library.storages.identity.require(['default', 'production'])
    await expect(publish).rejects.toMatchObject({ code: 'storage_unmarked' })
    const kept = await s3.allKeys('prod')
    expect(kept.sort()).toEqual([...s3Objects.keys()].filter((k) => !k.endsWith(MARKER)).sort())
    for (const key of kept) expect(await s3.sha256('prod', key)).toBe(s3Objects.get(key))
    expect(lost(before, media())).toEqual([])
  })

  it('an emptied S3 prefix is refused as empty, and sync never fills it before storages init', async () => {
    for (const key of await s3.allKeys('prod')) await s3.remove('prod', key)
    await expect(lib.call('storage.sync', {}, lib.context)).rejects.toMatchObject({
      code: 'storage_unmarked',
      message: expect.stringContaining('is empty'),
    })
    expect(await s3.allKeys('prod')).toEqual([])
    const status = await lib.call('storage.status', { census: false }, lib.context)
    expect(status.find((s) => s.name === 'production')).toMatchObject({
      state: 'unmarked',
      code: 'storage_unmarked',
    })
    await lib.call('storage.init', { name: 'production' }, lib.context)
    expect(await lib.call('storage.sync', {}, lib.context)).toMatchObject({ copied: 2, failures: [] })
  })

  it('an import into a default storage that is not there is refused before any file is copied', async () => {
    const before = media()
    rmSync(join(dir, 'media', MARKER))
    const inbox = makeDir(root, 'inbox2')
    makeAudio(join(inbox, 'ep3.mp3'), 'mp3', { seconds: 1, frequency: 330 })
    await expect(lib.library.importer.importPaths(lib.context.user.id, [inbox])).rejects.toMatchObject({
      code: 'storage_unmarked',
    })
    const after = media()
    expect(lost(before, after).filter((path) => !path.endsWith(MARKER))).toEqual([])
    expect(after.size).toBe(before.size - 1)
    await lib.call('storage.init', { name: 'default' }, lib.context)
  })
})

describe('a library made before markers', () => {
  const root = tempDir('castdesk-markers-upgrade-')

  it('gets a marker on its first open for a root that holds referenced files, and none for an empty one', async () => {
    const dir = join(root, 'library')
    const lib = await openLibrary(dir, {
      storages: {
        default: { type: 'local', location: 'media' },
        spare: { type: 'local', location: 'spare' },
      },
    })
    const inbox = makeDir(root, 'inbox')
    makeAudio(join(inbox, 'ep1.mp3'), 'mp3', { seconds: 1 })
    await lib.library.importer.importPaths(lib.context.user.id, [inbox])
    // As before migration 0100: no markers, and the upgrade still to do.
    rmSync(join(dir, 'media', MARKER))
    rmSync(join(dir, 'spare', MARKER))
    lib.library.db.exec('INSERT INTO storage_marker_legacy (singleton) VALUES (1)')
    lib.close()

    const reopened = await Library.open(dir)
    try {
      const marker = JSON.parse(readFileSync(join(dir, 'media', MARKER), 'utf8'))
      expect(marker).toMatchObject({ format: 1, libraryId: reopened.id, storage: 'default' })
      expect(existsSync(join(dir, 'spare', MARKER))).toBe(false)
      await expect(reopened.storages.identity.require(['spare'])).rejects.toMatchObject({
        code: 'storage_unmarked',
      })
    } finally {
      reopened.close()
    }
    // Only the first open after the upgrade: a marker removed later is not written back.
    rmSync(join(dir, 'media', MARKER))
    const later = await Library.open(dir)
    try {
      expect(existsSync(join(dir, 'media', MARKER))).toBe(false)
      await expect(later.storages.identity.require(['default'])).rejects.toMatchObject({
        code: 'storage_unmarked',
      })
    } finally {
      later.close()
    }
  })
})
