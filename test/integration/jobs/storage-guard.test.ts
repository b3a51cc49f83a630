import { existsSync, mkdirSync, readdirSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { isoNow } from '../../../src/main/library/clock'
import { mediaCensus } from '../../helpers/catalog-damage'
import { makeDir, makeImage } from '../../helpers/media-fixtures'
import { runCli, runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary } from '../../helpers/test-library'

interface Refusal {
  error: { code: string; message: string }
}

describe('jobs and rendition syncs write only into a default storage that is this library’s', () => {
  it('sync_renditions with the media folder renamed away: storage_missing, no folder made', async () => {
    const root = tempDir('castdesk-guard-cli-')
    const library = join(root, 'library')
    const src = makeDir(root, 'src')
    await makeImage(join(src, 'a.png'), 'png', { width: 64, height: 48, seed: 3 })
    expect(runCli(['--library', library, 'init']).code).toBe(0)
    expect(runCli(['--library', library, 'import', '--no-jobs', src]).code).toBe(0)
    const census = mediaCensus(library)
    const media = join(library, 'media')
    const away = join(root, 'media-away')
    expect(away.startsWith(root)).toBe(true)
    renameSync(media, away)

    const refused = runCliJson<Refusal>(['--library', library, 'sync_renditions'])
    expect(refused.code).toBe(1)
    expect(refused.json.error.code).toBe('storage_missing')
    expect(refused.json.error.message).toContain(media)
    expect(existsSync(media)).toBe(false)

    // The disk is back: the same command makes the renditions.
    renameSync(away, media)
    const made = runCliJson<{ created: number }>(['--library', library, 'sync_renditions'])
    expect(made.code).toBe(0)
    expect(made.json.created).toBeGreaterThan(0)
    const after = mediaCensus(library)
    for (const [path, sha] of Object.entries(census)) expect(after[path]).toBe(sha)
  })

  it('a queued rendition job fails with the storage’s code, creates nothing, and runs once retried', async () => {
    const root = tempDir('castdesk-guard-job-')
    const t = await openTestLibrary(join(root, 'lib'))
    const alice = t.as('alice')
    const src = makeDir(root, 'src')
    await makeImage(join(src, 'a.png'), 'png', { width: 64, height: 48, seed: 5 })
    const [outcome] = await t.call('media.import', { paths: [join(src, 'a.png')] }, alice)
    const image = t.library.imaging.renditions.image(alice.user.id, outcome?.id as number)
    const enqueue = () =>
      t.library.jobsRepo.enqueue(
        'image.renditions',
        { ownerId: alice.user.id, imageId: image.id, specs: ['width-32'] },
        isoNow(t.library.clock),
        { ownerId: alice.user.id, maxAttempts: 1 },
      )
    const media = t.library.storages.registry.localRoots().default as string
    expect(media.startsWith(root)).toBe(true)
    const away = join(root, 'media-away')
    renameSync(media, away)

    // Missing: the job fails with storage_missing and makes no folder.
    const missingJob = enqueue()
    expect((await t.call('jobs.run', {}, alice)).failed).toBe(1)
    expect(t.library.jobsRepo.get(missingJob)).toMatchObject({
      state: 'failed',
      error: { code: 'storage_missing' },
    })
    expect(existsSync(media)).toBe(false)

    // An empty folder where the disk was mounted: storage_unmarked, and it stays empty.
    mkdirSync(media)
    await t.call('jobs.retry', { id: missingJob }, alice)
    expect((await t.call('jobs.run', {}, alice)).failed).toBe(1)
    expect(t.library.jobsRepo.get(missingJob)).toMatchObject({ error: { code: 'storage_unmarked' } })
    expect(readdirSync(media)).toEqual([])

    // The disk is back: the retried job makes the rendition.
    renameSync(media, join(root, 'empty-mount'))
    renameSync(away, media)
    await t.call('jobs.retry', { id: missingJob }, alice)
    expect((await t.call('jobs.run', {}, alice)).done).toBe(1)
    expect(t.library.jobsRepo.get(missingJob)).toMatchObject({ state: 'done', error: null })
  })
})
