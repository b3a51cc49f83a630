import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { QuarantineOutputs } from '../../../src/shared/api/quarantine.api'
import type { StaleReport, SyncReport } from '../../../src/shared/api/storage.api'
import { freshDirs } from '../../helpers/fresh-dirs'
import { sha256File } from '../../helpers/library-snapshot'
import { makeAudio, makeDir, makeImage } from '../../helpers/media-fixtures'
import { runCli, runCliJson } from '../../helpers/run-cli'
import { censusDir, lost } from '../storage/support/census'

const dirs = freshDirs('castdesk-catalog-deletes-')

/** A library made by the CLI with a local `production`, four files imported and synced there. */
async function librarySyncedToProduction() {
  const root = dirs.make()
  const library = join(root, 'library')
  const production = join(root, 'production')
  const env = { CASTDESK_LIBRARY: library, CASTDESK_USER: 'ann' }
  const cli = (...args: string[]) => runCli(args, env)
  expect(cli('init').code).toBe(0)
  const configPath = join(library, 'castdesk.config.json')
  const config = JSON.parse(readFileSync(configPath, 'utf8'))
  config.storages = { ...config.storages, production: { type: 'local', location: production } }
  writeFileSync(configPath, JSON.stringify(config, null, 2))
  expect(cli('storages', 'init', 'production').code).toBe(0)
  const inbox = makeDir(root, 'inbox')
  await makeImage(join(inbox, 'cover.png'), 'png', { seed: 1 })
  await makeImage(join(inbox, 'guest.jpg'), 'jpeg', { seed: 2 })
  makeAudio(join(inbox, 'ep1.mp3'), 'mp3', { seconds: 1 })
  writeFileSync(join(inbox, 'notes.txt'), 'show notes')
  expect(cli('import', inbox).code).toBe(0)
  const synced = cli('sync')
  expect(synced.code, `${synced.stdout}\n${synced.stderr}`).toBe(0)
  const media = join(library, 'media')
  return { root, library, media, production, env, cli }
}

describe('an older catalog never makes media_stale or sync --delete remove newer files', () => {
  it('the files imported after the copy are listed as newer than the catalog and kept everywhere', async () => {
    const lib = await librarySyncedToProduction()
    // Yesterday's copy of the catalog (the CLI closed it: no WAL left beside it).
    expect(existsSync(join(lib.library, 'library.sqlite-wal'))).toBe(false)
    copyFileSync(join(lib.library, 'library.sqlite'), join(lib.root, 'older.sqlite'))
    const later = makeDir(lib.root, 'later')
    await makeImage(join(later, 'new-cover.png'), 'png', { seed: 9 })
    makeAudio(join(later, 'ep2.mp3'), 'mp3', { seconds: 2 })
    expect(lib.cli('import', later).code).toBe(0)
    expect(lib.cli('sync').code).toBe(0)
    copyFileSync(join(lib.root, 'older.sqlite'), join(lib.library, 'library.sqlite'))
    const before = { media: censusDir(lib.media), production: censusDir(lib.production) }

    const stale = runCliJson<StaleReport>(['media_stale', '--storage', 'default', '--delete'], lib.env)
    expect(stale.code).toBe(0)
    expect(stale.json.deleted).toBe(0)
    expect(stale.json.files).toEqual([])
    expect(stale.json.newer.map((f) => f.key.split('/')[0]).sort()).toEqual(['cast_audio', 'original_images'])
    expect(stale.json.importHint).toContain('castdesk import')
    const human = runCli(['media_stale', '--storage', 'production'], lib.env)
    expect(human.stdout).toContain('newer than the catalog — the catalog may be an older copy')
    expect(human.stdout).toMatch(/to import them back: cp -p .* DIR, then castdesk import DIR/)
    expect(runCli(['media_stale', '--storage', 'production', '--delete'], lib.env).code).toBe(0)
    const sync = runCliJson<SyncReport>(['sync', '--delete'], lib.env)
    expect(sync.code).toBe(0)
    expect(sync.json.deleted).toBe(0)

    expect(lost(before.media, censusDir(lib.media))).toEqual([])
    expect(lost(before.production, censusDir(lib.production))).toEqual([])
  })
})

describe('a referenced file removed from the source by hand', () => {
  it('survives sync --delete in production (exit 1, "the only copy") and comes back with the named command', async () => {
    const lib = await librarySyncedToProduction()
    const key = [...censusDir(lib.media).keys()].find((k) => k.startsWith('cast_audio/')) as string
    const sha = sha256File(join(lib.production, key))
    rmSync(join(lib.media, key))

    const plan = runCli(['sync', '--dry-run', '--delete'], lib.env)
    expect(plan.code).toBe(1)
    expect(plan.stderr).toContain('missing from default, kept in production — the only copy')
    expect(plan.stdout).not.toContain(`- ${key}`)
    const report = runCliJson<SyncReport>(['sync', '--delete'], lib.env)
    expect(report.code).toBe(1)
    expect(report.json.missing.map((f) => f.key)).toEqual([key])
    expect(report.json.deleted).toBe(0)
    expect(report.json.missingFix).toBe('castdesk sync --from production --to default')
    expect(sha256File(join(lib.production, key))).toBe(sha)

    const back = runCli(['sync', '--from', 'production', '--to', 'default'], lib.env)
    expect(back.code).toBe(0)
    expect(sha256File(join(lib.media, key))).toBe(sha)
    expect(runCli(['sync', '--delete'], lib.env).code).toBe(0)
  })
})

describe('removing commands from the CLI', () => {
  it('refuse too many deletes with the flag in the sentence, then say where the files went and how to get them back', async () => {
    const lib = await librarySyncedToProduction()
    const hourAgo = new Date(Date.now() - 3_600_000)
    for (const name of ['a', 'b', 'c']) {
      const path = join(lib.production, 'cast_files', `${name}.bin`)
      writeFileSync(path, name)
      utimesSync(path, hourAgo, hourAgo)
    }
    const refused = runCli(['media_stale', '--storage', 'production', '--delete'], lib.env)
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('[too_many_deletes]')
    expect(refused.stderr).toContain('--max-delete 3')
    expect(readdirSync(join(lib.production, 'cast_files')).sort()).toContain('a.bin')

    const done = runCli(['media_stale', '--storage', 'production', '--delete', '--max-delete', '3'], lib.env)
    expect(done.code).toBe(0)
    expect(done.stdout).toContain(
      `into the quarantine of "production": ${join(lib.production, '.castdesk-quarantine')}`,
    )
    const restore = /to put them back: (castdesk quarantine restore (\S+) --storage production)/.exec(
      done.stdout,
    )
    expect(restore).not.toBeNull()
    const listed = runCliJson<QuarantineOutputs['quarantine.list']>(['quarantine', 'list'], lib.env)
    expect(listed.json.batches).toMatchObject([{ batch: restore?.[2], storage: 'production', files: 3 }])
    const back = runCli(['quarantine', 'restore', restore?.[2] as string], lib.env)
    expect(back.code).toBe(0)
    expect(readFileSync(join(lib.production, 'cast_files', 'a.bin'), 'utf8')).toBe('a')
    expect(runCli(['quarantine', 'purge', '--all'], lib.env).stdout).toContain('0 batches purged')
  })
})
