import { spawnSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  type CatalogDamage,
  copyLibrary,
  damageCatalog,
  databaseFingerprint,
  makeLibraryWithMedia,
  mediaCensus,
  REFUSED_WITH,
} from '../../helpers/catalog-damage'
import { sha256File } from '../../helpers/library-snapshot'
import { CLI, runCli, runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'

interface Refusal {
  error: { code: string; message: string }
}

// Every damage that is found before anything is read; random page damage is covered by the
// reliability section `catalog` and by `doctor` below.
const REFUSED: CatalogDamage[] = ['missing', 'zero', 'no_schema', 'garbage', 'truncated', 'foreign']

describe('the CLI refuses a catalog it cannot trust and names the fix', () => {
  const root = tempDir('castdesk-catalog-cli-')
  let template: string
  let other: string
  let census: Record<string, string>

  beforeAll(async () => {
    template = await makeLibraryWithMedia(join(root, 'template'))
    other = await makeLibraryWithMedia(join(root, 'other'))
    census = mediaCensus(template)
  }, 60_000)

  for (const damage of REFUSED) {
    it(`${damage}: list, init, doctor and serve refuse with ${REFUSED_WITH[damage]}`, () => {
      const library = copyLibrary(template, join(root, damage))
      damageCatalog(library, damage, other)
      const before = databaseFingerprint(library)
      for (const command of [['list'], ['init'], ['media_stale']]) {
        const { code, json, stderr } = runCliJson<Refusal>(['--library', library, ...command])
        expect(code, command.join(' ')).toBe(1)
        expect(json.error.code).toBe(REFUSED_WITH[damage])
        expect(json.error.message).toContain('castdesk library restore')
        expect(json.error.message).toContain('castdesk init --new-catalog')
        expect(stderr).toContain(`[${REFUSED_WITH[damage]}]`)
        expect(stderr).not.toContain('[internal]')
        expect(stderr).not.toMatch(/^\s+at /m)
      }
      const doctor = runCliJson<{ ok: boolean; checks: { id: string; status: string; message: string }[] }>([
        '--library',
        library,
        'doctor',
      ])
      expect(doctor.code).toBe(1)
      const finding = doctor.json.checks.find((check) => check.id === 'library.open')
      expect(finding?.status).toBe('error')
      expect(finding?.message).toContain('castdesk library restore')
      expect(doctor.stderr).not.toMatch(/^\s+at /m)

      const serve = spawnSync(process.execPath, [CLI, '--library', library, 'serve', '--port', '0'], {
        encoding: 'utf8',
        timeout: 30_000,
      })
      expect(serve.status).toBe(1)
      expect(serve.stderr).toContain(`[${REFUSED_WITH[damage]}]`)
      expect(serve.stdout).not.toContain('http://')

      expect(databaseFingerprint(library)).toEqual(before)
      expect(mediaCensus(library)).toEqual(census)
    })
  }

  it('damaged pages: doctor runs the integrity check (exit 1, the fix), serve refuses to start', () => {
    const library = copyLibrary(template, join(root, 'pages'))
    damageCatalog(library, 'pages')
    const before = databaseFingerprint(library)
    const doctor = runCli(['--library', library, 'doctor'])
    expect(doctor.code).toBe(1)
    expect(doctor.stdout).toMatch(/✗ library: .*damaged.*castdesk library restore/)
    expect(doctor.stderr).not.toMatch(/^\s+at /m)
    const serve = spawnSync(process.execPath, [CLI, '--library', library, 'serve', '--port', '0'], {
      encoding: 'utf8',
      timeout: 30_000,
    })
    expect(serve.status).toBe(1)
    expect(serve.stderr).toContain('[library_damaged]')
    const list = runCli(['--library', library, 'list'])
    if (list.code !== 0) expect(list.stderr).toContain('[library_damaged]')
    expect(list.stderr).not.toContain('[internal]')
    expect(databaseFingerprint(library)).toEqual(before)
    expect(mediaCensus(library)).toEqual(census)
  })

  it('init --new-catalog keeps the old file, keeps the library id, and the media import back', () => {
    const library = copyLibrary(template, join(root, 'new-catalog'))
    damageCatalog(library, 'garbage')
    const damaged = sha256File(join(library, 'library.sqlite'))
    const id = JSON.parse(readFileSync(join(library, 'castdesk.config.json'), 'utf8')).libraryId
    const made = runCliJson<{ id: string; kept: string[]; mediaFiles: number; reimport: string[] }>([
      '--library',
      library,
      'init',
      '--new-catalog',
    ])
    expect(made.code).toBe(0)
    expect(made.json.id).toBe(id)
    expect(made.json.kept).toHaveLength(1)
    expect(made.json.kept[0]).toMatch(/library\.sqlite\.broken-\d{8}T\d{6}Z$/)
    expect(sha256File(made.json.kept[0] as string)).toBe(damaged)
    // Media files: the storage's marker is none.
    const mediaFiles = Object.keys(census).filter((path) => !path.endsWith('.castdesk-storage.json'))
    expect(made.json.mediaFiles).toBe(mediaFiles.length)
    expect(mediaCensus(library)).toEqual(census)
    expect(runCliJson<unknown[]>(['--library', library, 'list']).json).toEqual([])

    // The printed commands, run as printed (mv, then castdesk import), bring every item back.
    const [move, setUp, reimport] = made.json.reimport
    expect(move).toMatch(/^mv /)
    expect(spawnSync('sh', ['-c', move as string]).status).toBe(0)
    expect(runCli((setUp as string).replace(/^castdesk /, '').split(' ')).code).toBe(0)
    const args = (reimport as string).replace(/^castdesk /, '').split(' ')
    expect(runCli([...args, '--no-jobs']).code).toBe(0)
    const items = runCliJson<{ id: number }[]>(['--library', library, 'list']).json
    expect(items).toHaveLength(5)
  })

  it('init --new-catalog on a healthy library refuses and changes nothing; init stays harmless', () => {
    const library = copyLibrary(template, join(root, 'healthy'))
    const before = databaseFingerprint(library)
    const files = readdirSync(library).sort()
    const refused = runCliJson<Refusal>(['--library', library, 'init', '--new-catalog'])
    expect(refused.code).toBe(1)
    expect(refused.json.error.code).toBe('library_exists')
    expect(runCli(['--library', library, 'init']).code).toBe(0)
    expect(databaseFingerprint(library).sha256).toBe(before.sha256)
    expect(readdirSync(library).sort()).toEqual(files)
    expect(runCliJson<unknown[]>(['--library', library, 'list']).json).toHaveLength(5)
  })
})
