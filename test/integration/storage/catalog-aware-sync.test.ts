import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { freshDirs } from '../../helpers/fresh-dirs'
import { sha256File } from '../../helpers/library-snapshot'
import { makeDir, makeImage } from '../../helpers/media-fixtures'
import { openLibrary } from './support/library-fixture'

const dirs = freshDirs('castdesk-catalog-sync-')

async function synced() {
  const root = dirs.make()
  const production = join(root, 'production')
  const lib = await openLibrary(join(root, 'library'), {
    storages: {
      default: { type: 'local', location: 'media' },
      production: { type: 'local', location: production },
    },
  })
  dirs.cleanup(lib.close)
  const inbox = makeDir(root, 'inbox')
  for (let i = 0; i < 5; i++) await makeImage(join(inbox, `${i}.png`), 'png', { seed: i })
  writeFileSync(join(inbox, 'notes.txt'), 'the notes')
  await lib.library.importer.importPaths(lib.context.user.id, [inbox])
  await lib.call('storage.sync', {}, lib.context)
  const keys = lib.library.blobs.all().map((b) => b.key)
  return { ...lib, media: join(root, 'library', 'media'), production, keys }
}

describe('a catalog-aware sync', () => {
  it('never calls a referenced file the source lacks an extra: listed as the only copy, kept, and brought back', async () => {
    const lib = await synced()
    const key = lib.keys.find((k) => k.startsWith('original_images/')) as string
    const sha = sha256File(join(lib.production, key))
    rmSync(join(lib.media, key))
    const plan = await lib.call('storage.sync', { dryRun: true, delete: true }, lib.context)
    expect(plan.missing).toEqual([{ key, size: expect.any(Number) }])
    expect(plan.paths?.delete).toEqual([])
    expect(plan.missingFix).toBe('castdesk sync --from production --to default')
    const report = await lib.call('storage.sync', { delete: true }, lib.context)
    expect(report).toMatchObject({ deleted: 0, missing: [{ key }] })
    expect(sha256File(join(lib.production, key))).toBe(sha)
    const back = await lib.call('storage.sync', { from: 'production', to: 'default' }, lib.context)
    expect(back).toMatchObject({ copied: 1, missing: [], failures: [] })
    expect(sha256File(join(lib.media, key))).toBe(sha)
  })

  it('never overwrites the version the catalog records with another one', async () => {
    const lib = await synced()
    const key = lib.keys.find((k) => k.startsWith('cast_files/')) as string
    writeFileSync(join(lib.production, key), 'an older version')
    const back = await lib.call('storage.sync', { from: 'production', to: 'default' }, lib.context)
    expect(back.failures).toMatchObject([{ key, code: 'restore_conflict' }])
    expect(back.failures[0]?.message).toContain('castdesk sync --from default --to production')
    expect(readFileSync(join(lib.media, key), 'utf8')).toBe('the notes')
    // The other way the catalog's version replaces the stray one.
    const forward = await lib.call('storage.sync', {}, lib.context)
    expect(forward).toMatchObject({ copied: 1, failures: [] })
    expect(readFileSync(join(lib.production, key), 'utf8')).toBe('the notes')
  })
})
