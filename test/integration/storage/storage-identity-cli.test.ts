import { execFileSync } from 'node:child_process'
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportOutcome } from '../../../src/shared/media'
import { makeAudio, makeImage } from '../../helpers/media-fixtures'
import { runCli, runCliJson } from '../../helpers/run-cli'
import { census, lost } from '../../helpers/storage-census'
import { tempDir } from '../../helpers/temp-dir'

interface Check {
  id: string
  status: string
  message: string
  details?: { code?: string }
}

/**
 * Issue 22 from the command line: media on an "external disk" (default's location), production a
 * local folder synced from it. The disk is unplugged, replaced by an empty mount point, by another
 * library's disk; each time every command that writes or removes refuses, nothing is created in
 * the storage's place and every file of every storage keeps its SHA-256.
 */
describe('a storage that is not there is never taken for an empty one (CLI)', () => {
  const root = tempDir('castdesk-storage-identity-')
  const library = join(root, 'Podcast', 'Castdesk')
  const disk = join(root, 'disk')
  const media = join(disk, 'media')
  const production = join(root, 'production')
  const inbox = join(root, 'inbox')
  const storages = () => census({ media, production })
  let before: Map<string, string>

  const doctor = () => runCliJson<{ ok: boolean; checks: Check[] }>(['--library', library, 'doctor'])
  const check = (checks: Check[], id: string) => checks.find((c) => c.id === id) as Check
  const cli = (...args: string[]) => runCli(['--library', library, ...args])

  beforeAll(async () => {
    mkdirSync(library, { recursive: true })
    writeFileSync(
      join(library, 'castdesk.config.json'),
      JSON.stringify({
        storages: {
          default: { type: 'local', location: media },
          production: { type: 'local', location: production },
        },
      }),
    )
    expect(cli('init').code).toBe(0)
    expect(existsSync(join(media, '.castdesk-storage.json'))).toBe(true)
    expect(existsSync(production)).toBe(false)
    const unmarked = cli('sync')
    expect(unmarked.code).toBe(1)
    expect(unmarked.stderr).toContain('castdesk storages init production')
    expect(existsSync(production)).toBe(false)
    expect(cli('storages', 'init', 'production').code).toBe(0)
    mkdirSync(inbox)
    makeAudio(join(inbox, 'ep1.mp3'), 'mp3', { seconds: 1 })
    await makeImage(join(inbox, 'cover.png'), 'png', { width: 64, height: 64 })
    expect(cli('import', inbox).code).toBe(0)
    expect(cli('sync').code).toBe(0)
    expect(doctor().code).toBe(0)
    before = storages()
  })

  afterAll(() => {
    if (existsSync(`${disk}-away`)) renameSync(`${disk}-away`, disk)
  })

  /** Every command that writes or removes, refused with `code`, its sentence naming the fix. */
  function expectRefused(code: string, fix: RegExp) {
    const found = doctor()
    expect(found.code).toBe(1)
    const finding = check(found.json.checks, 'storage.default')
    expect(finding).toMatchObject({ status: 'error', details: { code } })
    expect(finding.message).toMatch(fix)
    for (const args of [
      ['import', inbox],
      ['sync', '--delete'],
      ['media_stale', '--storage', 'default', '--delete'],
      ['sync', '--from', 'production', '--to', 'default'],
    ]) {
      const result = cli(...args)
      expect(result.code, args.join(' ')).toBe(1)
      expect(result.stderr, args.join(' ')).toContain(`[${code}]`)
      expect(result.stderr, args.join(' ')).toMatch(fix)
    }
    const status = runCliJson<{ name: string; code: string }[]>(['--library', library, 'storages', 'status'])
    expect(status.code).toBe(1)
    expect(status.json.find((s) => s.name === 'default')?.code).toBe(code)
  }

  it('the disk unplugged: storage_missing, and no folder is created in its place', () => {
    renameSync(disk, `${disk}-away`)
    try {
      expectRefused('storage_missing', /is the disk connected\?.*Connect the disk/)
      expect(existsSync(disk)).toBe(false)
      expect(existsSync(media)).toBe(false)
    } finally {
      renameSync(`${disk}-away`, disk)
    }
    expect(lost(before, storages())).toEqual([])
  })

  it('an empty mount point: storage_unmarked, and nothing is written onto it', () => {
    renameSync(disk, `${disk}-away`)
    mkdirSync(media, { recursive: true })
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', media])
    try {
      expectRefused(
        'storage_unmarked',
        /the folder is empty and has no Castdesk marker.*castdesk storages init default/,
      )
      expect(readdirSync(media)).toEqual([])
    } finally {
      execFileSync('umount', [media])
      rmSync(disk, { recursive: true })
      renameSync(`${disk}-away`, disk)
    }
    expect(lost(before, storages())).toEqual([])
  })

  it("another library's disk: storage_foreign, and it is left as it was", () => {
    renameSync(disk, `${disk}-away`)
    mkdirSync(media, { recursive: true })
    const marker = JSON.stringify({
      format: 1,
      libraryId: '00000000-0000-4000-8000-000000000000',
      storage: 'default',
      created: '2026-01-01T00:00:00.000Z',
    })
    writeFileSync(join(media, '.castdesk-storage.json'), marker)
    writeFileSync(join(media, 'theirs.txt'), 'their file')
    try {
      expectRefused('storage_foreign', /another Castdesk library.*Point "location"/)
      const init = cli('storages', 'init', 'default')
      expect(init.code).toBe(1)
      expect(init.stderr).toContain('[storage_foreign]')
      expect(readFileSync(join(media, '.castdesk-storage.json'), 'utf8')).toBe(marker)
      expect(readdirSync(media).sort()).toEqual(['.castdesk-storage.json', 'theirs.txt'])
    } finally {
      rmSync(disk, { recursive: true })
      renameSync(`${disk}-away`, disk)
    }
    expect(lost(before, storages())).toEqual([])
  })

  it('the census names a file deleted by hand and the command that brings it back, byte for byte', () => {
    const key = readdirSync(join(media, 'cast_audio'))[0] as string
    const path = join(media, 'cast_audio', key)
    const bytes = readFileSync(path)
    rmSync(path)
    const found = doctor()
    expect(found.code).toBe(1)
    const finding = check(found.json.checks, 'storage.default.census')
    expect(finding.status).toBe('error')
    expect(finding.message).toContain(`cast_audio/${key}`)
    expect(finding.message).toContain('castdesk sync --from production --to default')
    expect(check(found.json.checks, 'storage.production.census').status).toBe('ok')
    expect(cli('sync', '--from', 'production', '--to', 'default').code).toBe(0)
    expect(readFileSync(path).equals(bytes)).toBe(true)
    expect(doctor().code).toBe(0)
    expect(lost(before, storages())).toEqual([])
  })

  it('importing the folder that holds the library skips the library, and refuses its files given directly', () => {
    const podcast = join(root, 'Podcast')
    makeAudio(join(podcast, 'ep2.mp3'), 'mp3', { seconds: 1, frequency: 660 })
    // Another library met on the way is skipped whole too.
    mkdirSync(join(podcast, 'old-library'))
    writeFileSync(join(podcast, 'old-library', 'castdesk.config.json'), '{}')
    writeFileSync(join(podcast, 'old-library', 'library.sqlite'), 'SQLite format 3\0')
    const imported = runCliJson<ImportOutcome[]>(['--library', library, 'import', podcast])
    expect(imported.code).toBe(0)
    const byStatus = (status: string) => imported.json.filter((o) => o.status === status)
    expect(byStatus('imported').map((o) => o.path)).toEqual([join(podcast, 'ep2.mp3')])
    expect(byStatus('skipped').map((o) => o.error?.message)).toEqual([
      `skipped ${library}: this is Castdesk's own library`,
      `skipped ${join(podcast, 'old-library')}: this is a Castdesk library (castdesk.config.json and library.sqlite)`,
    ])
    // Reached through a symlink, the library is still recognised by its real path.
    symlinkSync(podcast, join(root, 'podcast-link'))
    const viaLink = runCliJson<ImportOutcome[]>(['--library', library, 'import', join(root, 'podcast-link')])
    expect(viaLink.json.filter((o) => o.status === 'imported')).toEqual([])
    expect(viaLink.json.filter((o) => o.status === 'skipped')).toHaveLength(2)
    const list = runCliJson<{ title: string }[]>(['--library', library, 'list'])
    expect(list.json.map((item) => item.title)).not.toContain('library')

    const stored = join(media, 'cast_audio', readdirSync(join(media, 'cast_audio'))[0] as string)
    for (const path of [join(library, 'library.sqlite'), stored]) {
      const direct = runCli(['--library', library, 'import', path])
      expect(direct.code).toBe(1)
      expect(direct.stdout).toContain('[inside_library]')
    }
    expect(runCli(['--library', library, 'import', stored]).stdout).toMatch(/already item #\d+/)
  })
})
