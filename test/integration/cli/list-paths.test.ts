import { copyFileSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve, sep } from 'node:path'
import Database from 'better-sqlite3'
import { beforeEach, describe, expect, it } from 'vitest'
import type { FileItem } from '../../../src/shared/media'
import { freshDirs } from '../../helpers/fresh-dirs'
import { runCli, runCliJson } from '../../helpers/run-cli'
import { census, plantTrap } from '../../helpers/symlink-trap'

// `list --json` shows each stored file's path only while it stays inside its storage: checked for
// every item of a listing, also past the first files of a folder (which are looked up one by one).
const dirs = freshDirs('castdesk-list-paths-')
const FILES = 40

interface Setup {
  temp: string
  library: string
  media: string
  outside: string
}

let s: Setup

beforeEach(() => {
  const temp = resolve(dirs.make())
  // Destructive set-ups stay inside this run's temp folder.
  if (!temp.startsWith(resolve(tmpdir()) + sep)) throw new Error(`not a temp folder: ${temp}`)
  const library = join(temp, 'library')
  const inbox = join(temp, 'inbox')
  const outside = join(temp, 'outside')
  mkdirSync(inbox)
  mkdirSync(outside)
  for (let n = 0; n < FILES; n++) writeFileSync(join(inbox, `note-${n}.txt`), `Show note ${n}\n`)
  expect(runCli(['--library', library, 'init']).code).toBe(0)
  expect(runCli(['--library', library, '--user', 'pat', 'import', inbox]).code).toBe(0)
  s = { temp, library, media: join(library, 'media'), outside }
})

const list = () => {
  const result = runCli(['--library', s.library, '--user', 'pat', '--json', 'list'])
  expect(result.code, result.stderr).toBe(0)
  return { text: result.stdout, items: JSON.parse(result.stdout) as FileItem[] }
}

/** Replaces the stored file of `item` by a link to a victim file outside the storage. */
function linkOut(item: FileItem): string {
  const victim = join(s.outside, `victim-${item.id}.txt`)
  writeFileSync(victim, 'not castdesk media')
  const stored = join(s.media, ...item.file.key.split('/'))
  rmSync(stored)
  plantTrap(s.temp, victim, stored)
  return victim
}

describe('castdesk list --json', () => {
  it('prints every item with its path inside the storage, as indented JSON', () => {
    const { text, items } = list()
    expect(items).toHaveLength(FILES)
    expect(text).toBe(`${JSON.stringify(items, null, 2)}\n`)
    for (const item of items) expect(item.file.path).toBe(join(s.media, ...item.file.key.split('/')))
  })

  it('shows no path for files that are links out of the storage, first or late in their folder', () => {
    const before = list().items
    // The newest is asked about first; the oldest after the folder was read whole.
    const trapped = [before[0], before[FILES - 1]] as FileItem[]
    for (const item of trapped) linkOut(item)
    const victims = census(s.outside)
    const after = list().items
    for (const item of after) {
      const isTrapped = trapped.some((t) => t.id === item.id)
      expect(item.file.path, item.title).toBe(isTrapped ? null : join(s.media, ...item.file.key.split('/')))
    }
    expect(census(s.outside)).toEqual(victims)
  })

  it('shows no path below a folder that links out', () => {
    const before = list().items
    const folder = join(s.media, 'cast_files')
    const copies = join(s.outside, 'copies')
    mkdirSync(copies)
    for (const item of before)
      copyFileSync(
        join(s.media, ...item.file.key.split('/')),
        join(copies, item.file.key.split('/')[1] as string),
      )
    renameSync(folder, join(s.temp, 'moved-away'))
    plantTrap(s.temp, copies, folder)
    expect(list().items.map((item) => item.file.path)).toEqual(before.map(() => null))
  })

  it('refuses the listing, printing nothing else, when the catalog holds a key that leaves the storage', () => {
    const db = new Database(join(s.library, 'library.sqlite'))
    db.prepare(
      `UPDATE blobs SET storage_key = 'cast_files/../../outside/victim.txt' WHERE id = (SELECT max(id) FROM blobs)`,
    ).run()
    db.close()
    const result = runCliJson<{ error: { code: string } }>(['--library', s.library, '--user', 'pat', 'list'])
    expect(result.code).toBe(1)
    expect(result.json.error.code).toBe('invalid_name')
  })
})
