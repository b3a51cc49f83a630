import { copyFileSync, existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mediaHandlers } from '../../../src/main/api/media.handlers'
import { quarantineHandlers } from '../../../src/main/api/quarantine.handlers'
import { Library } from '../../../src/main/library/library'
import { MARKER_KEY } from '../../../src/main/storage/reserved-keys'
import { freshDirs } from '../../helpers/fresh-dirs'
import { sha256File } from '../../helpers/library-snapshot'
import { makeAudio, makeDir, makeImage } from '../../helpers/media-fixtures'
import { censusBucket, censusDir, lost } from './support/census'
import { openLibrary, s3Storage } from './support/library-fixture'
import { credentialsEnv } from './support/s3-fixtures'
import { type S3TestServer, startS3Server } from './support/s3-server'

const dirs = freshDirs('castdesk-quarantine-')
const hourAgo = () => new Date(Date.now() - 3_600_000)

/** A library with four imported files (images and an audio) and, optionally, more storages. */
async function library(
  config: Record<string, unknown> = {},
  env: NodeJS.ProcessEnv = {},
  options: { initStorages?: boolean } = {},
) {
  const root = dirs.make()
  const dir = join(root, 'library')
  const lib = await openLibrary(
    dir,
    { storages: { default: { type: 'local', location: 'media' } }, ...config },
    env,
    options,
  )
  dirs.cleanup(lib.close)
  const inbox = makeDir(root, 'inbox')
  await makeImage(join(inbox, 'one.png'), 'png', { seed: 1 })
  await makeImage(join(inbox, 'two.png'), 'png', { seed: 2 })
  await makeImage(join(inbox, 'three.jpg'), 'jpeg', { seed: 3 })
  makeAudio(join(inbox, 'episode.mp3'), 'mp3', { seconds: 1 })
  await lib.library.importer.importPaths(lib.context.user.id, [inbox])
  const quarantine = quarantineHandlers(lib.library)
  const media = join(dir, 'media')
  /** Plants a file no item references, written an hour before the catalog's last change. */
  const plant = (key: string, content: string) => {
    const path = join(media, key)
    makeDir(join(path, '..'))
    writeFileSync(path, content)
    utimesSync(path, hourAgo(), hourAgo())
    return path
  }
  return { ...lib, root, dir, media, quarantine, plant }
}

describe('the quarantine of a local storage', () => {
  it('media_stale --delete moves stale files there; restore puts them back byte-identical', async () => {
    const lib = await library()
    const path = lib.plant('cast_files/left-over.bin', 'left over')
    const before = sha256File(path)
    const done = await lib.call('maintenance.stale', { storage: 'default', delete: true }, lib.context)
    expect(done).toMatchObject({ deleted: 1, failures: [] })
    expect(existsSync(path)).toBe(false)
    const note = done.quarantine
    expect(note?.location.startsWith(join(lib.media, '.castdesk-quarantine'))).toBe(true)
    expect(note?.restore).toBe(`castdesk quarantine restore ${note?.batch} --storage default`)
    expect(sha256File(join(note?.location as string, 'cast_files', 'left-over.bin'))).toBe(before)

    // Never listed as media, never stale, never counted in media_sizes.
    const stale = await lib.call('maintenance.stale', { storage: 'default' }, lib.context)
    expect(stale.files).toEqual([])
    const sizes = await lib.call('maintenance.sizes', { storage: 'default' }, lib.context)
    expect(sizes.storages[0]?.files.some((f) => f.key.includes('quarantine'))).toBe(false)

    const listed = await lib.quarantine['quarantine.list']({}, lib.context)
    expect(listed.keepDays).toBe(30)
    expect(listed.batches).toMatchObject([
      { storage: 'default', batch: note?.batch, files: 1, keys: ['cast_files/left-over.bin'] },
    ])
    const restored = await lib.quarantine['quarantine.restore']({ batch: note?.batch as string }, lib.context)
    expect(restored.restored).toEqual([{ storage: 'default', key: 'cast_files/left-over.bin' }])
    expect(sha256File(path)).toBe(before)
    expect((await lib.quarantine['quarantine.list']({}, lib.context)).batches).toEqual([])
  })

  it('restore never overwrites another file now at the key; the same file just drops the copy', async () => {
    const lib = await library()
    const path = lib.plant('cast_files/a.bin', 'original bytes')
    const done = await lib.call('maintenance.stale', { storage: 'default', delete: true }, lib.context)
    const batch = done.quarantine?.batch as string
    writeFileSync(path, 'someone else’s new file')
    const refused = await lib.quarantine['quarantine.restore']({ batch }, lib.context)
    expect(refused.failures).toMatchObject([{ key: 'cast_files/a.bin', code: 'restore_conflict' }])
    expect(readFileSync(path, 'utf8')).toBe('someone else’s new file')
    writeFileSync(path, 'original bytes')
    const same = await lib.quarantine['quarantine.restore']({ batch }, lib.context)
    expect(same.identical).toEqual([{ storage: 'default', key: 'cast_files/a.bin' }])
    expect((await lib.quarantine['quarantine.list']({}, lib.context)).batches).toEqual([])
  })

  it('purge drops only batches older than quarantineDays, unless told --all or a batch', async () => {
    const lib = await library({ quarantineDays: 7 })
    lib.plant('cast_files/old.bin', 'old')
    await lib.call('maintenance.stale', { storage: 'default', delete: true }, lib.context)
    // A batch from ten days ago (its folder name is its UTC time).
    const oldBatch = '2020-01-01T00-00-00-000Z'
    makeDir(lib.media, '.castdesk-quarantine', oldBatch, 'cast_files')
    writeFileSync(join(lib.media, '.castdesk-quarantine', oldBatch, 'cast_files', 'ancient.bin'), 'x')
    const purged = await lib.quarantine['quarantine.purge']({ all: false }, lib.context)
    expect(purged.batches.map((b) => b.batch)).toEqual([oldBatch])
    expect((await lib.quarantine['quarantine.list']({}, lib.context)).batches).toHaveLength(1)
    const all = await lib.quarantine['quarantine.purge']({ all: true }, lib.context)
    expect(all.batches).toHaveLength(1)
    expect((await lib.quarantine['quarantine.list']({}, lib.context)).batches).toEqual([])
  })
})

describe('quarantine list', () => {
  it('still shows the other storages when one cannot be listed, naming it', async () => {
    const lib = await library(
      {
        storages: {
          default: { type: 'local', location: 'media' },
          production: s3Storage('http://127.0.0.1:9', 'nowhere', { maxAttempts: 1 }),
        },
        // production cannot be reached, so it cannot be set up either
      },
      {},
      { initStorages: false },
    )
    lib.plant('cast_files/x.bin', 'x')
    await lib.call('maintenance.stale', { storage: 'default', delete: true }, lib.context)
    const listed = await lib.quarantine['quarantine.list']({}, lib.context)
    expect(listed.batches.map((b) => b.storage)).toEqual(['default'])
    expect(listed.unlisted).toMatchObject([{ storage: 'production', code: expect.any(String) }])
    expect(listed.unlisted[0]?.message).toContain('production')
  })
})

describe('delete limits', () => {
  it('refuse more than maxDeleteFraction of the managed files until --max-delete covers the plan', async () => {
    const lib = await library()
    // The marker is no media file: limits count only what is under the managed prefixes.
    const managed = [...censusDir(lib.media).keys()].filter((key) => key !== MARKER_KEY).length
    const planted = ['cast_files/1.bin', 'cast_files/2.bin', 'cast_files/3.bin'].map((k) => lib.plant(k, k))
    const plan = await lib.call('maintenance.stale', { storage: 'default' }, lib.context)
    expect(plan.deleteRefused?.code).toBe('too_many_deletes')
    const input = { storage: 'default', delete: true } as const
    const refused = lib.call('maintenance.stale', input, lib.context)
    await expect(refused).rejects.toMatchObject({ code: 'too_many_deletes' })
    await expect(refused).rejects.toThrow(`of the ${managed + 3} files there`)
    await expect(refused).rejects.toThrow('--max-delete 3')
    await expect(lib.call('maintenance.stale', { ...input, maxDelete: 2 }, lib.context)).rejects.toThrow(
      'more than --max-delete 2',
    )
    for (const path of planted) expect(existsSync(path)).toBe(true)
    const done = await lib.call('maintenance.stale', { ...input, maxDelete: 3 }, lib.context)
    expect(done.deleted).toBe(3)
  })

  it('refuse more than maxDelete files', async () => {
    const lib = await library({ maxDelete: 1, maxDeleteFraction: 1 })
    lib.plant('cast_files/1.bin', '1')
    lib.plant('cast_files/2.bin', '2')
    const refused = lib.call('maintenance.stale', { storage: 'default', delete: true }, lib.context)
    await expect(refused).rejects.toThrow('more than maxDelete (1)')
  })

  it('a catalog with no items removes nothing, whatever --max-delete says', async () => {
    const root = dirs.make()
    const prod = join(root, 'prod')
    const lib = await openLibrary(join(root, 'library'), {
      storages: {
        default: { type: 'local', location: 'media' },
        production: { type: 'local', location: prod },
      },
    })
    dirs.cleanup(lib.close)
    for (const key of ['original_images/a.png', 'cast_audio/b.mp3']) {
      makeDir(join(prod, key, '..'))
      writeFileSync(join(prod, key), key)
      utimesSync(join(prod, key), hourAgo(), hourAgo())
    }
    const before = censusDir(prod)
    const sync = lib.call('storage.sync', { delete: true, maxDelete: 100 }, lib.context)
    await expect(sync).rejects.toMatchObject({ code: 'catalog_empty' })
    await expect(sync).rejects.toThrow('castdesk library restore')
    const stale = lib.call(
      'maintenance.stale',
      { storage: 'production', delete: true, maxDelete: 100 },
      lib.context,
    )
    await expect(stale).rejects.toMatchObject({ code: 'catalog_empty' })
    expect(lost(before, censusDir(prod))).toEqual([])
  })
})

describe('trash empty into the quarantine', () => {
  it('the files can be copied out and imported again; the catalog copy that still knew them gets them back', async () => {
    const lib = await library()
    const user = lib.context.user.id
    const item = lib.library.mediaRead.list(user).find((i) => i.title === 'two') as { id: number }
    const keys = lib.library.blobs.forMedia(item.id).map((b) => b.key)
    const hashes = new Map(keys.map((key) => [key, sha256File(join(lib.media, key))]))
    // The catalog as it was before (yesterday's copy, say).
    lib.library.db.exec(`VACUUM INTO '${join(lib.root, 'before.sqlite')}'`)

    await mediaHandlers(lib.library)['media.delete']({ id: item.id }, lib.context)
    const emptied = await lib.call('trash.empty', { maxDelete: 10 }, lib.context)
    expect(emptied).toMatchObject({ items: 1, files: keys.length, failures: [] })
    for (const key of keys) expect(existsSync(join(lib.media, key))).toBe(false)
    const batch = emptied.quarantine?.batch as string

    // Copied out, then imported: the item is back with the same bytes.
    const out = join(lib.root, 'recovered')
    const copied = await lib.quarantine['quarantine.restore']({ batch, path: out }, lib.context)
    expect(copied.restored.map((f) => f.key).sort()).toEqual([...keys].sort())
    const original = keys.find((key) => key.startsWith('original_images/')) as string
    expect(sha256File(join(out, original))).toBe(hashes.get(original))
    const again = await lib.library.importer.importPaths(user, [join(out, original)])
    expect(again[0]?.status).toBe('imported')
    lib.close()

    // The older catalog back in place: its item references the files again, where they were.
    const dir = lib.dir
    copyFileSync(join(lib.root, 'before.sqlite'), join(dir, 'library.sqlite'))
    const reopened = await Library.open(dir)
    dirs.cleanup(() => reopened.close())
    const handlers = quarantineHandlers(reopened)
    const restored = await handlers['quarantine.restore']({ batch }, lib.context)
    expect(restored.failures).toEqual([])
    for (const blob of reopened.blobs.forMedia(item.id)) {
      expect(sha256File(join(dir, 'media', blob.key))).toBe(hashes.get(blob.key))
      expect(blob.sha256).toBe(hashes.get(blob.key))
    }
  })
})

describe('the quarantine of an S3 storage', () => {
  let s3: S3TestServer
  beforeAll(async () => {
    s3 = await startS3Server(['prod'])
  })
  afterAll(() => s3.stop())

  it('sync --delete copies extras server-side into castdesk-quarantine/ with their sha256, and restore brings them back', async () => {
    const lib = await library(
      {
        storages: {
          default: { type: 'local', location: 'media' },
          production: s3Storage(s3.endpoint, 'prod'),
        },
      },
      credentialsEnv('production'),
    )
    await lib.call('storage.sync', {}, lib.context)
    // An extra no item references (a file of a deleted item, synced before).
    lib.plant('cast_files/gone.bin', 'an old file')
    await lib.call('storage.sync', {}, lib.context)
    const metadata = await s3.metadata('prod', 'cast_files/gone.bin')
    const before = await censusBucket(s3, 'prod')
    const { rmSync } = await import('node:fs')
    rmSync(join(lib.media, 'cast_files', 'gone.bin'))

    const report = await lib.call('storage.sync', { delete: true }, lib.context)
    expect(report).toMatchObject({ deleted: 1, missing: [], failures: [] })
    const batch = report.quarantine?.batch as string
    expect(report.quarantine?.location).toBe(`s3://prod/castdesk-quarantine/${batch}/`)
    const parked = `castdesk-quarantine/${batch}/cast_files/gone.bin`
    expect(await s3.keys('prod', 'castdesk-quarantine/')).toEqual([parked])
    expect((await s3.metadata('prod', parked)).sha256).toBe(metadata.sha256)
    expect(await s3.sha256('prod', parked)).toBe(before.get('cast_files/gone.bin'))
    // Never synced back, never stale, never in media_sizes.
    const sizes = await lib.call('maintenance.sizes', { storage: 'production' }, lib.context)
    expect(sizes.storages[0]?.files.some((f) => f.key.startsWith('castdesk-quarantine/'))).toBe(false)

    const listed = await lib.quarantine['quarantine.list']({ storage: 'production' }, lib.context)
    expect(listed.batches).toMatchObject([{ batch, files: 1, keys: ['cast_files/gone.bin'] }])
    const restored = await lib.quarantine['quarantine.restore']({ batch, storage: 'production' }, lib.context)
    expect(restored.restored).toEqual([{ storage: 'production', key: 'cast_files/gone.bin' }])
    expect(lost(before, await censusBucket(s3, 'prod'))).toEqual([])
    expect((await s3.metadata('prod', 'cast_files/gone.bin')).sha256).toBe(metadata.sha256)
    expect(await s3.keys('prod', 'castdesk-quarantine/')).toEqual([])
  })
})
