import { cpSync, existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { RestoreReport } from '../../../src/main/library-backup/restore/restore-report'
import type { MediaItem } from '../../../src/shared/media'
import { makeDir, makeImage } from '../../helpers/media-fixtures'
import { runCli, runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'

/** Every file under `dir`, by path relative to it. */
function filesUnder(dir: string): string[] {
  const out: string[] = []
  const walk = (d: string) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, entry.name)
      if (entry.isDirectory()) walk(path)
      else out.push(relative(dir, path))
    }
  }
  walk(dir)
  return out.sort()
}

/**
 * The refusal of a missing or damaged catalog says "castdesk library restore --from BACKUP
 * --library DIR": that command repairs the library in place, from its own backup storage, keeping
 * the refused file and any newer media bytes, and refuses whatever would replace a library.
 */
describe('castdesk library restore into the library whose catalog is refused', () => {
  const root = tempDir('castdesk-restore-in-place-')
  const template = join(root, 'template')
  const backupDir = join(root, 'backup')
  let items: MediaItem[] = []
  let changedKey = ''
  let copies = 0

  const castdesk = (library: string, ...args: string[]) => runCli(['--library', library, ...args])
  const json = <T>(library: string, ...args: string[]) => {
    const result = runCliJson<T>(['--library', library, ...args])
    if (result.code !== 0) throw new Error(`castdesk ${args.join(' ')} failed: ${result.stderr}`)
    return result.json
  }
  /** A copy of the template library (the backup folder is shared: the tests only read it). */
  const copy = () => {
    const dir = join(root, `lib-${++copies}`)
    expect(relative(root, dir).startsWith('..')).toBe(false)
    cpSync(template, dir, { recursive: true })
    return dir
  }

  beforeAll(async () => {
    const files = makeDir(root, 'files')
    await makeImage(join(files, 'loaf1.jpg'), 'jpeg', { width: 300, height: 200, seed: 1 })
    await makeImage(join(files, 'loaf2.png'), 'png', { width: 200, height: 200, seed: 2 })
    expect(castdesk(template, 'init').code).toBe(0)
    const config = JSON.parse(readFileSync(join(template, 'castdesk.config.json'), 'utf8'))
    config.imageFormats = ['jpeg']
    config.storages = {
      default: { type: 'local', location: 'media' },
      backup: { type: 'local', location: backupDir },
    }
    writeFileSync(join(template, 'castdesk.config.json'), JSON.stringify(config))
    expect(castdesk(template, 'storages', 'init', 'backup').code).toBe(0)
    expect(castdesk(template, 'import', files).code).toBe(0)
    items = json<MediaItem[]>(template, 'list')
    expect(items).toHaveLength(2)
    expect(castdesk(template, 'sync', '--to', 'backup').code).toBe(0)
    expect(castdesk(template, 'library', 'backup').code).toBe(0)
    changedKey = filesUnder(join(template, 'media')).find((f) => f.endsWith('.png')) as string
    expect(changedKey).toBeTruthy()
  })

  it('a 0-byte catalog: repaired from the backup storage, the 0-byte file kept beside it', () => {
    const lib = copy()
    writeFileSync(join(lib, 'library.sqlite'), '')
    expect(castdesk(lib, 'list').stderr).toContain(`library restore --from BACKUP --library ${lib}`)
    const report = json<RestoreReport>(lib, 'library', 'restore', '--from', 'backup')
    expect(report).toMatchObject({ inPlace: true, items: 2, replaced: null })
    expect(report.files).toMatchObject({ present: 2, restored: 0, missing: 0, mismatched: 0 })
    expect(report.kept).toEqual([expect.stringMatching(/library\.sqlite\.before-restore-\d{8}T\d{6}Z$/)])
    expect(statSync(report.kept[0] as string).size).toBe(0)
    expect(json<MediaItem[]>(lib, 'list').map((i) => i.title)).toEqual(items.map((i) => i.title))
    expect(existsSync(join(lib, '.restore-in-progress'))).toBe(false)
    // Repaired: the same command now meets a healthy catalog and changes nothing.
    const before = readFileSync(join(lib, 'library.sqlite'))
    const again = castdesk(lib, 'library', 'restore', '--from', 'backup')
    expect(again.code).not.toBe(0)
    expect(again.stderr).toContain('[library_exists]')
    expect(readFileSync(join(lib, 'library.sqlite')).equals(before)).toBe(true)
  })

  it('a damaged catalog and a file changed since the snapshot: the newer bytes go to the quarantine', () => {
    const lib = copy()
    const garbage = Buffer.alloc(8192, 0x5a)
    writeFileSync(join(lib, 'library.sqlite'), garbage)
    const newer = Buffer.from('bytes written after the snapshot')
    writeFileSync(join(lib, 'media', changedKey), newer)
    const report = json<RestoreReport>(lib, 'library', 'restore', '--from', 'backup')
    expect(report.files).toMatchObject({ present: 1, restored: 1, missing: 0, mismatched: 0 })
    expect(readFileSync(report.kept[0] as string).equals(garbage)).toBe(true)
    expect(report.replaced).toMatchObject({ storage: 'default', files: 1, bytes: newer.length })
    const quarantined = join(report.replaced?.location as string, changedKey)
    expect(readFileSync(quarantined).equals(newer)).toBe(true)
    expect(
      readFileSync(join(lib, 'media', changedKey)).equals(readFileSync(join(template, 'media', changedKey))),
    ).toBe(true)
    expect(report.replaced?.restore).toBe(
      `castdesk quarantine restore ${report.replaced?.batch} --storage default`,
    )
  })

  it('a media folder that is not there (a disk not mounted) is refused before anything changes', () => {
    const lib = copy()
    writeFileSync(join(lib, 'library.sqlite'), '')
    renameSync(join(lib, 'media'), join(lib, 'media-unmounted'))
    const result = castdesk(lib, 'library', 'restore', '--from', 'backup')
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain('[storage_missing]')
    expect(existsSync(join(lib, 'media'))).toBe(false)
    expect(statSync(join(lib, 'library.sqlite')).size).toBe(0)
    expect(readdirSync(lib).filter((f) => f.startsWith('library.sqlite.'))).toEqual([])
    expect(existsSync(join(lib, '.restore-in-progress'))).toBe(false)
    // Mounted again, the same command repairs it.
    renameSync(join(lib, 'media-unmounted'), join(lib, 'media'))
    expect(json<RestoreReport>(lib, 'library', 'restore', '--from', 'backup').files.present).toBe(2)
  })

  it("another library's snapshot is refused, and the folder stays as it was", async () => {
    const other = join(root, 'other')
    const otherBackup = join(root, 'other-backup')
    expect(castdesk(other, 'init').code).toBe(0)
    const config = JSON.parse(readFileSync(join(other, 'castdesk.config.json'), 'utf8'))
    config.storages = {
      default: { type: 'local', location: 'media' },
      backup: { type: 'local', location: otherBackup },
    }
    writeFileSync(join(other, 'castdesk.config.json'), JSON.stringify(config))
    expect(castdesk(other, 'storages', 'init', 'backup').code).toBe(0)
    expect(castdesk(other, 'library', 'backup').code).toBe(0)
    const lib = copy()
    writeFileSync(join(lib, 'library.sqlite'), '')
    const before = readdirSync(lib).sort()
    const result = castdesk(lib, 'library', 'restore', '--from', otherBackup)
    expect(result.code).not.toBe(0)
    expect(result.stderr).toContain('[library_mismatch]')
    expect(readdirSync(lib).sort()).toEqual(before)
    expect(statSync(join(lib, 'library.sqlite')).size).toBe(0)
  })

  it('a folder with other files and no library is still refused', () => {
    const dir = makeDir(root, 'not-a-library')
    writeFileSync(join(dir, 'notes.txt'), 'mine')
    const result = runCli(['library', 'restore', '--from', backupDir, '--library', dir])
    expect(result.stderr).toContain('[folder_not_empty]')
    expect(readdirSync(dir)).toEqual(['notes.txt'])
  })
})
