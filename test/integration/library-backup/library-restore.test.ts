import { mkdtempSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RestoreReport } from '../../../src/main/library-backup/restore/restore-report'
import type { LibraryBackupOutputs } from '../../../src/shared/api/library-backup.api'
import type { SyncReport } from '../../../src/shared/api/storage.api'
import type { MediaItem } from '../../../src/shared/media'
import { makeDir, makeImage, makeVideo } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { makeChapteredAudio } from '../audio/audio-fixtures'
import { cli, cliJson } from '../storage/support/cli-async'
import { credentialsEnv } from '../storage/support/s3-fixtures'
import { type S3TestServer, startS3Server } from '../storage/support/s3-server'
import { fileHashes, libraryRows, recordedHashes } from './support/library-state'

const VTT = `WEBVTT

00:00:00.500 --> 00:00:03.000
<v Ana>Welcome back to the kitchen.

00:00:03.200 --> 00:00:06.000
<v Ben>Today: sourdough & rye.
`

/**
 * Acceptance of "Never lose the library": a real library (images with renditions and focal points,
 * audio with chapters and a transcript, a video with its poster, an episode, two users, galleries,
 * a token) backed up to a local backup storage and to S3 (s3rver), restored into fresh folders by
 * the real CLI, and compared row by row and file by file; an older snapshot gives the older state.
 */
describe('castdesk library backup and restore', () => {
  const root = tempDir('castdesk-library-backup-')
  const files = makeDir(root, 'files')
  const library = join(root, 'lib')
  const backupDir = join(root, 'backup')
  let s3: S3TestServer
  let env: Record<string, string>
  const json = async <T>(args: string[], user = 'ana'): Promise<T> => {
    const result = await cliJson<T>(args, { ...env, CASTDESK_USER: user })
    if (result.code !== 0)
      throw new Error(`castdesk ${args.join(' ')} failed (${result.code}): ${result.stderr}`)
    return result.json
  }
  const fresh = () => join(mkdtempSync(join(root, 'restore-')), 'library')
  let olderSnapshot = ''
  let olderRows: Record<string, unknown[]> = {}
  let rows: Record<string, unknown[]> = {}
  let hashes: Record<string, string | null> = {}

  beforeAll(async () => {
    s3 = await startS3Server(['backups'])
    env = { CASTDESK_LIBRARY: library, ...credentialsEnv('s3-backup'), ...credentialsEnv('backup') }
    expect((await cli(['init'], env)).code).toBe(0)
    writeFileSync(
      join(library, 'castdesk.config.json'),
      JSON.stringify({
        avifEffort: 0,
        imageFormats: ['jpeg'],
        storages: {
          default: { type: 'local', location: 'media' },
          backup: { type: 'local', location: backupDir },
          's3-backup': {
            type: 's3',
            bucket: 'backups',
            prefix: 'castdesk',
            endpoint: s3.endpoint,
            forcePathStyle: true,
          },
        },
        libraryBackup: { storages: ['s3-backup'] },
      }),
    )
    for (const name of ['backup', 's3-backup'])
      expect((await cli(['storages', 'init', name], { ...env, CASTDESK_USER: 'ana' })).code).toBe(0)
    makeChapteredAudio(join(files, 'kr012.mp3'), 'mp3', { seconds: 6 })
    await makeImage(join(files, 'loaf1.jpg'), 'jpeg', { width: 900, height: 600, seed: 1 })
    await makeImage(join(files, 'loaf2.jpg'), 'jpeg', { width: 800, height: 800, seed: 2 })
    makeVideo(join(files, 'oven.mp4'), { width: 320, height: 240, seconds: 2 })
    await json(['import', files])
    const items = await json<MediaItem[]>(['list'])
    const id = (title: string) => String(items.find((item) => item.title === title)?.id)
    const vtt = join(root, 'kr012.vtt')
    writeFileSync(vtt, VTT)
    await json(['audio', 'transcript', id('kr012'), '--import', vtt])
    await json(['image', 'focal', id('loaf1'), '100', '50', '300', '200'])
    await json(['image', 'rendition', id('loaf1'), 'fill-200x200'])
    const gallery = await json<{ id: number }>(['gallery', 'create', id('loaf1'), id('loaf2')])
    await json(['gallery', 'renditions', String(gallery.id)])
    await json(['podcast', 'init', '--title', 'Kitchen Radio'])
    await json([
      'episode',
      'add',
      '--title',
      'Sourdough',
      '--published',
      '2026-01-05T08:00:00Z',
      '--audio',
      id('kr012'),
      '--block',
      'heading:Show notes',
      '--block',
      `image:${id('loaf2')}`,
      '--block',
      `video:${id('oven')}`,
    ])
    await makeImage(join(root, 'bob.png'), 'png', { width: 120, height: 90, seed: 9 })
    await json(['import', join(root, 'bob.png')], 'bob')
    await json(['users', 'token', 'bob', '--label', 'feed reader'])

    // The older snapshot, before any media went to a backup storage.
    const first = await json<LibraryBackupOutputs['library.backup']>(['library', 'backup'])
    expect(first.outcomes.map((o) => [o.storage, o.snapshot?.verified, o.error])).toEqual([
      ['backup', true, null],
      ['s3-backup', true, null],
    ])
    olderSnapshot = first.outcomes[0]?.snapshot?.name ?? ''
    olderRows = libraryRows(library)

    // Later work, then the media to both backup storages, each followed by an automatic snapshot.
    await json(['audio', 'edit', id('kr012'), '--title', 'Sourdough, the long version'])
    await makeImage(join(root, 'rye.jpg'), 'jpeg', { width: 640, height: 480, seed: 5 })
    await json(['import', join(root, 'rye.jpg')])
    for (const to of ['backup', 's3-backup']) {
      const report = await json<SyncReport>(['sync', '--to', to])
      expect(report.failures).toEqual([])
      expect(report.librarySnapshot).toMatchObject({ storage: to, snapshot: { verified: true }, error: null })
    }
    rows = libraryRows(library)
    hashes = fileHashes(library)
    expect(Object.values(hashes)).not.toContain(null)
    expect(rows.chapter_marks?.length).toBeGreaterThan(0)
    expect(rows.transcript_cues?.length).toBe(2)
    expect(rows.video_posters?.length).toBe(1)
    expect(rows.renditions?.length).toBeGreaterThan(2)
    expect(rows.api_tokens?.length).toBe(1)
    expect(rows.users?.length).toBe(2)
    expect(rows.episodes?.length).toBe(1)
  }, 240_000)
  afterAll(async () => {
    await s3?.stop()
  })

  it('lists the snapshots of every backup storage, verified, with what each holds', async () => {
    const { storages } = await json<LibraryBackupOutputs['library.backups']>(['library', 'backups'])
    expect(storages.map((s) => s.storage)).toEqual(['backup', 's3-backup'])
    for (const entry of storages) {
      expect(entry.snapshots.length).toBe(2)
      expect(entry.snapshots.every((s) => s.verified)).toBe(true)
      expect(entry.snapshots[0]?.counts).toMatchObject({
        image: 5,
        audio: 1,
        video: 1,
        episodes: 1,
        users: 2,
      })
    }
    expect(await s3.keys('backups', 'castdesk/castdesk-library/')).toHaveLength(4)
  })

  it('restores the newest snapshot from the local backup storage: every row and every file equal', async () => {
    const target = fresh()
    const restored = await json<RestoreReport>([
      'library',
      'restore',
      '--from',
      backupDir,
      '--library',
      target,
    ])
    expect(restored.files).toMatchObject({ missing: 0, mismatched: 0, requeued: 0 })
    expect(restored.files.restored).toBe(Object.keys(hashes).length)
    expect(libraryRows(target)).toEqual(rows)
    expect(fileHashes(target)).toEqual(hashes)
    expect(fileHashes(target)).toEqual(recordedHashes(target))
    // It opens as an ordinary library, with the backed-up library id.
    const list = await cliJson<MediaItem[]>(['--library', target, 'list'], { CASTDESK_USER: 'ana' })
    expect(list.code).toBe(0)
    expect(list.json.map((item) => item.title)).toContain('Sourdough, the long version')
  })

  it('restores from S3 (s3://bucket/prefix with --endpoint) just the same', async () => {
    const target = fresh()
    const result = await cliJson<RestoreReport>(
      [
        'library',
        'restore',
        '--from',
        's3://backups/castdesk',
        '--endpoint',
        s3.endpoint,
        '--library',
        target,
      ],
      { ...env, CASTDESK_LIBRARY: '' },
    )
    expect(result.code, result.stderr).toBe(0)
    expect(result.json.files).toMatchObject({ missing: 0, mismatched: 0 })
    expect(libraryRows(target)).toEqual(rows)
    expect(fileHashes(target)).toEqual(hashes)
  })

  it('restores an older snapshot by name: the older state', async () => {
    const target = fresh()
    const restored = await json<RestoreReport>([
      'library',
      'restore',
      '--from',
      backupDir,
      '--snapshot',
      olderSnapshot,
      '--library',
      target,
    ])
    expect(restored.snapshot.name).toBe(olderSnapshot)
    expect(restored.files).toMatchObject({ missing: 0, mismatched: 0 })
    expect(libraryRows(target)).toEqual(olderRows)
    expect(libraryRows(target)).not.toEqual(rows)
    expect(fileHashes(target)).toEqual(recordedHashes(target))
  })

  it('refuses a folder that holds a library, and names each missing file (exit 1)', async () => {
    const refused = await cliJson<{ error: { code: string } }>([
      'library',
      'restore',
      '--from',
      backupDir,
      '--library',
      library,
    ])
    expect(refused.code).toBe(1)
    expect(refused.json.error.code).toBe('library_exists')

    // Media from a place that has none of them: the originals are named, the renditions queued again.
    const empty = makeDir(root, 'no-media')
    const target = fresh()
    const result = await cliJson<RestoreReport>(
      ['library', 'restore', '--from', backupDir, '--media-from', empty, '--library', target],
      env,
    )
    expect(result.code).toBe(1)
    expect(result.json.files.restored).toBe(0)
    expect(result.json.files.requeued).toBe((rows.renditions ?? []).length)
    expect(result.json.problems.map((p) => p.key)).toContain('cast_audio/kr012.mp3')
    expect(result.stderr).toMatch(
      /missing {2}cast_audio\/kr012\.mp3 \(audio #\d+ "Sourdough, the long version"\)/,
    )
  })
})
