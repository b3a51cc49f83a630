import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MIGRATIONS } from '../../../src/main/library/migrations'
import { freshDirs } from '../../helpers/fresh-dirs'
import { LOCK_FILE, migrationHash, migrationLockProblems, readLock } from '../../helpers/migration-lock'

const MIGRATIONS_DIR = join(__dirname, '..', '..', '..', 'src', 'main', 'library', 'migrations')
const LOCK_PATH = join(MIGRATIONS_DIR, 'checksums.json')

const dirs = freshDirs('castdesk-lock-')

describe('migration lock (checksums.json)', () => {
  it('matches every migration file: landed migrations are never edited, new ones are locked', () => {
    expect(migrationLockProblems(MIGRATIONS_DIR, readLock(LOCK_PATH))).toEqual([])
  })

  it('lists exactly the migrations the code applies', () => {
    const applied = MIGRATIONS.map((m) => `${String(m.version).padStart(4, '0')}-${m.name}.sql`)
    expect(Object.keys(readLock(LOCK_PATH)).sort()).toEqual(applied)
    expect(
      readdirSync(MIGRATIONS_DIR)
        .filter((f) => f.endsWith('.sql'))
        .sort(),
    ).toEqual(applied)
  })

  it('holds SHA-256 hex digests', () => {
    for (const hash of Object.values(readLock(LOCK_PATH))) expect(hash).toMatch(/^[0-9a-f]{64}$/)
  })
})

describe('migrationLockProblems (the check itself can fail)', () => {
  /** A copy of the migrations folder and a lock that matches it. */
  function copyOfMigrations(): { dir: string; lock: Record<string, string> } {
    const dir = join(dirs.make(), 'migrations')
    mkdirSync(dir)
    const lock: Record<string, string> = {}
    for (const file of readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql'))) {
      copyFileSync(join(MIGRATIONS_DIR, file), join(dir, file))
      lock[file] = migrationHash(readFileSync(join(dir, file)))
    }
    expect(migrationLockProblems(dir, lock)).toEqual([])
    return { dir, lock }
  }

  it('reports an edited migration, with both hashes and what to do', () => {
    const { dir, lock } = copyOfMigrations()
    const edited = '-- an innocent comment\nCREATE TABLE x (id INTEGER PRIMARY KEY) STRICT;\n'
    writeFileSync(join(dir, '0010-initial.sql'), edited)
    expect(migrationLockProblems(dir, lock)).toEqual([
      `0010-initial.sql has changed since it landed (${LOCK_FILE} has ${lock['0010-initial.sql']}, the file now hashes to ${migrationHash(edited)}). Landed migrations are never edited: undo the edit and put the change in a new numbered migration.`,
    ])
  })

  it('reports a migration that is not in the lock, with the line to add', () => {
    const { dir, lock } = copyOfMigrations()
    const sql = 'CREATE TABLE podcasts (id INTEGER PRIMARY KEY) STRICT;\n'
    writeFileSync(join(dir, '9990-podcasts.sql'), sql)
    expect(migrationLockProblems(dir, lock)).toEqual([
      `9990-podcasts.sql is not in ${LOCK_FILE}. Lock every new migration when you add it: add "9990-podcasts.sql": "${migrationHash(sql)}" to ${LOCK_FILE}.`,
    ])
  })

  it('reports a locked migration whose file was removed', () => {
    const { dir, lock } = copyOfMigrations()
    rmSync(join(dir, '0010-initial.sql'))
    expect(migrationLockProblems(dir, lock)).toEqual([
      `0010-initial.sql is listed in ${LOCK_FILE} but the file is gone. Landed migrations are never removed: restore it.`,
    ])
  })

  it('ignores files that are not .sql and hashes CRLF checkouts like LF', () => {
    const { dir, lock } = copyOfMigrations()
    writeFileSync(join(dir, 'README.md'), 'notes')
    expect(migrationLockProblems(dir, lock)).toEqual([])
    expect(migrationHash('a;\r\nb;\r\n')).toBe(migrationHash('a;\nb;\n'))
    expect(migrationHash('a;\nb;\n')).toBe('02695dfcbe44ea48199fa3a03a95551182267d1b8a30a147e43fb5076246f506')
  })
})
