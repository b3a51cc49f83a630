import { cpSync, existsSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import Database from 'better-sqlite3'
import { listFiles, sha256File } from './library-snapshot'
import { makeAudio, makeDir, makeImage } from './media-fixtures'
import { runCli } from './run-cli'

export const CATALOG_DAMAGE = [
  'missing',
  'zero',
  'no_schema',
  'garbage',
  'truncated',
  'pages',
  'foreign',
] as const
export type CatalogDamage = (typeof CATALOG_DAMAGE)[number]

/** The code each damage is refused with. */
export const REFUSED_WITH: Record<CatalogDamage, string> = {
  missing: 'library_database_missing',
  zero: 'library_database_missing',
  no_schema: 'library_database_missing',
  garbage: 'library_damaged',
  truncated: 'library_damaged',
  pages: 'library_damaged',
  foreign: 'library_mismatch',
}

/** A real library made by the CLI: an episode's audio and four images imported. */
export async function makeLibraryWithMedia(root: string): Promise<string> {
  const library = join(root, 'library')
  const source = makeDir(root, 'source')
  makeAudio(join(source, 'episode.mp3'), 'mp3', { seconds: 2 })
  for (let seed = 1; seed <= 4; seed++)
    await makeImage(join(source, `picture-${seed}.png`), 'png', { width: 48, height: 32, seed })
  mustRun(['--library', library, 'init'])
  mustRun(['--library', library, 'import', '--no-jobs', source])
  return library
}

/** Copies a template library to `to` (a folder that must not exist yet). */
export function copyLibrary(template: string, to: string): string {
  cpSync(template, to, { recursive: true })
  return to
}

/**
 * Damages `library`'s catalog the way `damage` names. `other` is another library whose database
 * is copied in for `foreign`. The library must have been closed cleanly (no -wal left).
 */
export function damageCatalog(library: string, damage: CatalogDamage, other?: string): void {
  const db = join(library, 'library.sqlite')
  if (existsSync(`${db}-wal`) && statSync(`${db}-wal`).size > 0) throw new Error(`${db} has a -wal file`)
  const size = statSync(db).size
  const damages: Record<CatalogDamage, () => void> = {
    missing: () => rmSync(db),
    zero: () => truncateSync(db, 0),
    // A valid, empty SQLite file: what opening a missing path leaves behind.
    no_schema: () => writeFileSync(db, emptySqliteFile(library)),
    garbage: () =>
      writeFileSync(db, Buffer.from('PK\u0003\u0004 this is a zip file, not a catalog '.repeat(200))),
    truncated: () => truncateSync(db, Math.floor(size / 2) + 123),
    pages: () => {
      const bytes = readFileSync(db)
      const pageSize = bytes.readUInt16BE(16)
      // Every second page after the first (which holds the schema) filled with garbage.
      for (let page = 1; page * pageSize < bytes.length; page += 2)
        bytes.fill(0xa5, page * pageSize, (page + 1) * pageSize)
      writeFileSync(db, bytes)
    },
    foreign: () => {
      if (!other) throw new Error('foreign needs another library')
      writeFileSync(db, readFileSync(join(other, 'library.sqlite')))
    },
  }
  damages[damage]()
}

/** SHA-256 of every file under the library's media/ folder, by path. */
export function mediaCensus(library: string): Record<string, string> {
  const census: Record<string, string> = {}
  for (const file of listFiles(join(library, 'media'))) census[relative(library, file)] = sha256File(file)
  return census
}

/** The database file's bytes and mtime, to show it was not touched. */
export function databaseFingerprint(library: string): { sha256: string | null; mtimeMs: number | null } {
  const db = join(library, 'library.sqlite')
  if (!existsSync(db)) return { sha256: null, mtimeMs: null }
  return { sha256: sha256File(db), mtimeMs: statSync(db).mtimeMs }
}

function emptySqliteFile(dir: string): Buffer {
  const path = join(dir, 'empty.sqlite')
  const db = new Database(path)
  db.exec('CREATE TABLE gone (a); DROP TABLE gone')
  db.close()
  const bytes = readFileSync(path)
  rmSync(path)
  return bytes
}

function mustRun(args: string[]): void {
  const result = runCli(args)
  if (result.code !== 0) throw new Error(`castdesk ${args.join(' ')} failed: ${result.stderr}`)
}
