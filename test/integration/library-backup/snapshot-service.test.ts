import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkLibrarySnapshots } from '../../../src/main/doctor/library-backup.check'
import { Library } from '../../../src/main/library/library'
import { backupServiceFor } from '../../../src/main/library-backup/backup-service-for'
import { startDailySnapshots } from '../../../src/main/library-backup/daily-snapshots'
import { LibraryBackupService } from '../../../src/main/library-backup/library-backup.service'
import { restoreLibrary } from '../../../src/main/library-backup/restore/library-restore.service'
import { makeDir, makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary } from '../../helpers/test-library'

const DAY = 86_400_000

async function libraryWithBackup(root: string, extra: Record<string, unknown> = {}) {
  const production = join(root, 'production')
  const backup = join(root, 'backup')
  const fx = await openTestLibrary(join(root, 'lib'), {
    storages: {
      default: { type: 'local', location: 'media' },
      production: { type: 'local', location: production },
      backup: { type: 'local', location: backup },
    },
    ...extra,
  })
  const files = makeDir(root, 'files')
  await makeImage(join(files, 'a.png'), 'png', { seed: 3 })
  await fx.call('media.import', { paths: [join(files, 'a.png')] }, fx.as('ann'))
  return { ...fx, production, backup }
}

const snapshotFiles = (dir: string) =>
  existsSync(join(dir, 'castdesk-library')) ? readdirSync(join(dir, 'castdesk-library')).sort() : []

describe('library snapshots in a library', () => {
  it('takes one after media_backup, and never carries snapshots as media (sync, media_restore, media_stale)', async () => {
    const root = tempDir()
    const fx = await libraryWithBackup(root)
    const ann = fx.as('ann')
    await fx.call('storage.sync', { from: 'default', to: 'production' }, ann)
    const backedUp = await fx.call('maintenance.backup', {}, ann)
    expect(backedUp.librarySnapshot).toMatchObject({
      storage: 'backup',
      snapshot: { verified: true },
      error: null,
    })
    expect(snapshotFiles(fx.backup)).toHaveLength(2)
    // Back the other way: the snapshot stays where it was made.
    const restored = await fx.call('maintenance.restore', { dryRun: true }, ann)
    expect(restored.paths?.add).toEqual([])
    expect(restored.paths?.extra.filter((key) => key.startsWith('castdesk-library/'))).toEqual([])
    await fx.call('storage.sync', { from: 'backup', to: 'production', delete: true }, ann)
    expect(snapshotFiles(fx.production)).toEqual([])
    const stale = await fx.call('maintenance.stale', { storage: 'backup' }, ann)
    expect(stale.files).toEqual([])
    const sizes = await fx.call('maintenance.sizes', { storage: 'backup' }, ann)
    expect(sizes.storages[0]?.files.map((f) => f.key)).toEqual(['original_images/a.png'])
    // A dry run or a sync to a storage that is not a backup storage takes none.
    await fx.call('storage.sync', { from: 'default', to: 'backup', dryRun: true }, ann)
    expect(snapshotFiles(fx.backup)).toHaveLength(2)
  })

  it('keeps the last keepLast and one per day, pruning only behind a newer verified snapshot', async () => {
    const root = tempDir()
    const fx = await libraryWithBackup(root, {
      libraryBackup: { keepLast: 3, keepDays: 2, automatic: false },
    })
    let now = Date.parse('2026-12-01T10:00:00Z')
    const service = new LibraryBackupService({
      db: fx.library.db,
      storages: fx.library.storages.registry,
      settings: fx.library.config.libraryBackup,
      libraryDir: fx.library.dir,
      workDir: fx.library.stagingDir,
      now: () => new Date(now),
      log: fx.library.log,
    })
    const made: string[] = []
    for (let i = 0; i < 8; i++) {
      const [outcome] = await service.backup()
      made.push(outcome?.snapshot?.name ?? '')
      now += 9 * 3_600_000
    }
    const [listing] = await service.list()
    const kept = listing?.snapshots.map((s) => s.name) ?? []
    // The last 3, plus the newest of each of the last 2 days.
    expect(kept.slice(0, 3)).toEqual(made.slice(-3).reverse())
    expect(kept.length).toBeLessThanOrEqual(5)
    expect(listing?.snapshots.every((s) => s.verified)).toBe(true)
    expect(snapshotFiles(fx.backup)).toHaveLength(kept.length * 2)
  })

  it('doctor warns without a snapshot or with one older than 7 days, with the command', async () => {
    const root = tempDir()
    const fx = await libraryWithBackup(root)
    const none = await checkLibrarySnapshots(fx.library, new Date())
    expect(none).toMatchObject({
      status: 'warning',
      message: expect.stringContaining('castdesk library backup'),
    })
    await fx.call('library.backup', {}, fx.as('ann'))
    expect((await checkLibrarySnapshots(fx.library, new Date())).status).toBe('ok')
    const later = await checkLibrarySnapshots(fx.library, new Date(Date.now() + 8 * DAY))
    expect(later).toMatchObject({
      status: 'warning',
      message: expect.stringMatching(/8 days old.*castdesk library backup/),
    })
  })

  it('takes a daily snapshot while running, and none while the newest is fresh', async () => {
    const root = tempDir()
    const fx = await libraryWithBackup(root)
    const service = backupServiceFor(fx.library)
    const stop = startDailySnapshots(service, { firstDelayMs: 1, intervalMs: 50 })
    try {
      for (let i = 0; i < 200 && snapshotFiles(fx.backup).length < 2; i++)
        await new Promise((r) => setTimeout(r, 20))
      expect(snapshotFiles(fx.backup)).toHaveLength(2)
      await new Promise((r) => setTimeout(r, 300))
      expect(snapshotFiles(fx.backup)).toHaveLength(2)
    } finally {
      stop()
    }
  })
})

describe('restoreLibrary (what the desktop app calls)', () => {
  it('restores from a storage of the current library by name, and resumes an interrupted restore', async () => {
    const root = tempDir()
    const fx = await libraryWithBackup(root)
    const files = makeDir(root, 'more')
    for (let seed = 10; seed < 16; seed++) await makeImage(join(files, `m${seed}.png`), 'png', { seed })
    await fx.call('media.import', { paths: [files] }, fx.as('ann'))
    await fx.call('storage.sync', { from: 'default', to: 'backup' }, fx.as('ann'))
    const target = join(root, 'restored', 'library')
    const env = process.env
    let seen = 0
    await expect(
      restoreLibrary({
        from: 'backup',
        target,
        env,
        currentLibraryDir: fx.library.dir,
        onProgress: (event) => {
          if (event.stage === 'media' && ++seen === 3) throw new Error('interrupted')
        },
      }),
    ).rejects.toThrow('interrupted')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(existsSync(join(target, 'library.sqlite'))).toBe(false)
    expect(existsSync(join(target, '.restore-in-progress'))).toBe(true)
    await expect(Library.open(target, { create: true })).rejects.toMatchObject({ code: 'restore_incomplete' })
    const report = await restoreLibrary({ from: 'backup', target, env, currentLibraryDir: fx.library.dir })
    expect(report.resumed).toBe(true)
    expect(report.files.present).toBeGreaterThan(0)
    expect(report.files.present + report.files.restored).toBe(report.files.total)
    expect(report.files).toMatchObject({ total: 7, missing: 0, mismatched: 0 })
    expect(existsSync(join(target, '.restore-in-progress'))).toBe(false)
    expect(report.snapshot.libraryId).toBe(fx.library.id)
    await expect(restoreLibrary({ from: 'backup', target, env })).rejects.toMatchObject({
      code: 'library_exists',
    })
  })
})
