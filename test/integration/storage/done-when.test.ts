import { createHash } from 'node:crypto'
import { existsSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ProgressEvent } from '../../../src/shared/api'
import type { SyncReport } from '../../../src/shared/api/storage.api'
import { listFiles } from '../../helpers/library-snapshot'
import { makeAudio, makeDir, makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { FaultProxy } from './support/fault-proxy'
import { type OpenLibrary, openLibrary, s3Storage } from './support/library-fixture'
import { credentialsEnv } from './support/s3-fixtures'
import { type S3TestServer, startS3Server } from './support/s3-server'

const root = tempDir('castdesk-done-when-')
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')

/**
 * Issue 6 "done when": items on a local `default`, an S3 `production`, a local `backup`.
 * One library for the whole file: each step builds on the one before.
 */
describe('storages, sync and the media_* commands, end to end', () => {
  let s3: S3TestServer
  let proxy: FaultProxy
  let lib: OpenLibrary
  let dir: string
  /** key → SHA-256 of every file of the default storage. */
  let files: Map<string, string>
  const backupDir = () => join(dir, 'backup')

  beforeAll(async () => {
    s3 = await startS3Server(['prod'])
    proxy = await new FaultProxy(s3.port).start()
    dir = join(root, 'library')
    lib = await openLibrary(
      dir,
      {
        storages: {
          default: { type: 'local', location: 'media' },
          production: s3Storage(proxy.endpoint, 'prod'),
          backup: { type: 'local', location: 'backup' },
        },
        // Only media here: no library snapshot after media_backup (see library-backup tests).
        libraryBackup: { automatic: false },
      },
      credentialsEnv('production'),
    )
    const inbox = makeDir(dir, '..', 'inbox')
    await makeImage(join(inbox, 'cover.jpg'), 'jpeg', { width: 300, height: 200 })
    await makeImage(join(inbox, 'guest.png'), 'png', { width: 80, height: 80, seed: 5 })
    makeAudio(join(inbox, 'ep1.mp3'), 'mp3', { seconds: 2 })
    writeFileSync(
      join(inbox, 'notes.pdf'),
      '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
    )
    const outcomes = await lib.library.importer.importPaths(lib.context.user.id, [inbox])
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported', 'imported'])
    files = new Map(
      lib.library.blobs.all().map((blob) => [blob.key, sha256(readFileSync(join(dir, 'media', blob.key)))]),
    )
  })
  afterAll(async () => {
    lib.close()
    await proxy.stop()
    await s3.stop()
  })

  const sync = (input: Parameters<OpenLibrary['call']>[1] = {}) =>
    lib.call('storage.sync', input as never, lib.context) as Promise<SyncReport>

  it('plans first: a dry run shows what would be added and copies nothing', async () => {
    const plan = await sync({ dryRun: true })
    expect(plan.plan).toMatchObject({ add: files.size, change: 0, extra: 0, same: 0 })
    expect(plan.paths?.add.sort()).toEqual([...files.keys()].sort())
    expect(await s3.keys('prod')).toEqual([])
  })

  it('sync uploads everything, each object intact with its SHA-256 as metadata, reporting progress', async () => {
    const events: ProgressEvent[] = []
    const report = await lib.call('storage.sync', {}, { ...lib.context, onProgress: (e) => events.push(e) })
    expect(events.at(-1)).toMatchObject({ operation: 'storage.sync', done: files.size, total: files.size })
    expect(events.at(-1)?.detail).toMatch(/ of .*\/s, ETA \d+ s$/)
    expect(report).toMatchObject({ copied: files.size, failures: [], deleted: 0 })
    expect(await s3.keys('prod')).toEqual([...files.keys()].sort())
    for (const [key, digest] of files) {
      expect(await s3.sha256('prod', key)).toBe(digest)
      expect(await s3.metadata('prod', key)).toEqual({ sha256: digest })
    }
  })

  it('a second sync transfers nothing and sends one request only: the GET of the storage marker', async () => {
    proxy.clear()
    const report = await sync()
    expect(report).toMatchObject({ copied: 0, bytes: 0, plan: { add: 0, change: 0, same: files.size } })
    expect(proxy.seen.map((r) => r.call)).toEqual(['GetObject'])
    proxy.clear()
    const verified = await sync({ verify: true })
    expect(verified).toMatchObject({ copied: 0, verified: true })
    expect(proxy.seen.map((r) => r.call)).toEqual(['GetObject', 'ListObjectsV2'])
  })

  it('media_backup copies production to backup byte for byte, even through broken downloads', async () => {
    proxy.clear()
    proxy.inject({ fault: 'resetResponse', when: (r) => r.call === 'GetObject', times: 2 })
    const report = await lib.call('maintenance.backup', {}, lib.context)
    expect(report).toMatchObject({ from: 'production', to: 'backup', copied: files.size, failures: [] })
    expect(proxy.seen.filter((r) => r.fault === 'resetResponse')).toHaveLength(2)
    for (const [key, digest] of files) expect(sha256(readFileSync(join(backupDir(), key)))).toBe(digest)
    const again = await lib.call('maintenance.backup', {}, lib.context)
    expect(again).toMatchObject({ copied: 0, plan: { same: files.size } })
  })

  it('media_restore brings back, byte for byte, what was deleted from production', async () => {
    const [first, second] = [...files.keys()]
    await s3.remove('prod', first as string)
    await s3.remove('prod', second as string)
    const report = await lib.call('maintenance.restore', {}, lib.context)
    expect(report).toMatchObject({ from: 'backup', to: 'production', copied: 2, failures: [] })
    for (const [key, digest] of files) expect(await s3.sha256('prod', key)).toBe(digest)
  })

  it('media_backup also replaces a backup file whose content differs', async () => {
    const key = [...files.keys()].find((k) => k.startsWith('cast_files/')) as string
    writeFileSync(join(backupDir(), key), 'tampered')
    const report = await lib.call('maintenance.backup', {}, lib.context)
    expect(report).toMatchObject({ copied: 1, plan: { change: 1 } })
    expect(sha256(readFileSync(join(backupDir(), key)))).toBe(files.get(key))
  })

  it('media_stale lists a planted file under cast_audio/, removes it only with --delete, never touches others', async () => {
    await s3.put('prod', 'cast_audio/orphan.mp3', Buffer.alloc(2048, 1))
    await s3.put('prod', 'site/index.html', '<h1>my podcast</h1>')
    await s3.put('prod', 'cast_audio_old/take.mp3', 'old')
    // Written a day before the catalog's last write: newer files are never stale.
    s3.age('prod', 'cast_audio/orphan.mp3', new Date(Date.now() - 86_400_000))
    const dry = await lib.call('maintenance.stale', {}, lib.context)
    expect(dry).toMatchObject({
      storage: 'production',
      files: [{ key: 'cast_audio/orphan.mp3', size: 2048 }],
      bytes: 2048,
      deleted: 0,
    })
    expect(await s3.keys('prod', 'cast_audio/orphan')).toEqual(['cast_audio/orphan.mp3'])
    proxy.clear()
    const done = await lib.call('maintenance.stale', { delete: true }, lib.context)
    expect(done).toMatchObject({ deleted: 1, failures: [] })
    expect(proxy.seen.filter((r) => r.call === 'DeleteObject').map((r) => r.key)).toEqual([
      'cast_audio/orphan.mp3',
    ])
    const parked = `castdesk-quarantine/${done.quarantine?.batch}/cast_audio/orphan.mp3`
    expect(await s3.keys('prod')).toEqual(
      [...files.keys(), 'site/index.html', 'cast_audio_old/take.mp3', parked].sort(),
    )
  })

  it('media_stale on a local storage ignores files outside the managed prefixes', async () => {
    writeFileSync(join(dir, 'media', 'README.txt'), 'mine')
    writeFileSync(join(dir, 'media', 'cast_files', 'stray.bin'), 'stray')
    const before = new Date(Date.now() - 3_600_000)
    utimesSync(join(dir, 'media', 'cast_files', 'stray.bin'), before, before)
    const report = await lib.call('maintenance.stale', { storage: 'default' }, lib.context)
    expect(report.files.map((f) => f.key)).toEqual(['cast_files/stray.bin'])
    await lib.call('maintenance.stale', { storage: 'default', delete: true }, lib.context)
    expect(existsSync(join(dir, 'media', 'README.txt'))).toBe(true)
    expect(existsSync(join(dir, 'media', 'cast_files', 'stray.bin'))).toBe(false)
    rmSync(join(dir, 'media', 'README.txt'))
  })

  it('--delete never deletes after an error in the same pass, and then deletes only under managed prefixes', async () => {
    await s3.put('prod', 'cast_files/extra.txt', 'extra')
    const failing = [...files.keys()][0] as string
    writeFileSync(join(dir, 'media', failing), 'a new version that will not upload')
    proxy.clear()
    proxy.inject({ fault: 'status500', when: (r) => r.key === failing })
    const broken = await sync({ delete: true })
    proxy.clear()
    expect(broken.failures.map((f) => f.key)).toEqual([failing])
    expect(broken).toMatchObject({
      deleted: 0,
      deleteSkipped: expect.stringContaining('nothing was deleted'),
    })
    expect(await s3.keys('prod', 'cast_files/extra')).toEqual(['cast_files/extra.txt'])

    const clean = await sync({ delete: true })
    expect(clean).toMatchObject({ failures: [], deleted: 1, copied: 1, kept: 2 })
    expect(await s3.keys('prod', 'cast_files/extra')).toEqual([])
    expect(await s3.keys('prod', 'site/')).toEqual(['site/index.html'])
  })

  it('media_sizes lists every file with totals per type, per user and per storage', async () => {
    const report = await lib.call('maintenance.sizes', { storage: 'backup' }, lib.context)
    const backup = report.storages[0]
    expect(backup?.name).toBe('backup')
    expect(backup?.files).toHaveLength(files.size)
    const sizeOf = (prefix: string) =>
      listFiles(join(backupDir(), prefix)).reduce((sum, path) => sum + readFileSync(path).length, 0)
    // The storage marker lies at the root too, and is never counted as media.
    expect(existsSync(join(backupDir(), '.castdesk-storage.json'))).toBe(true)
    const media = sizeOf('original_images') + sizeOf('cast_audio') + sizeOf('cast_files')
    expect(backup?.totals).toEqual({
      image: sizeOf('original_images'),
      audio: sizeOf('cast_audio'),
      video: 0,
      misc: sizeOf('cast_files'),
      total: media,
    })
    expect(backup?.byUser).toEqual({ ann: media })
    const all = await lib.call('maintenance.sizes', {}, lib.context)
    expect(all.storages.map((s) => s.name)).toEqual(['backup', 'default', 'production'])
  })
})
