import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { type Db, openDatabase, schemaVersion } from '../../../src/main/library/database'
import { MIGRATIONS, type Migration } from '../../../src/main/library/migrations'
import { CastdeskError } from '../../../src/shared/errors'
import { freshDirs } from '../../helpers/fresh-dirs'

const dirs = freshDirs('castdesk-db-')
const LATEST = MIGRATIONS.at(-1)?.version ?? 0

function open(path: string, migrations?: readonly Migration[]): Db {
  const db = openDatabase(path, migrations)
  dirs.cleanup(() => db.open && db.close())
  return db
}

function tableNames(db: Db): string[] {
  return db
    .prepare<[], { name: string }>(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
    )
    .all()
    .map((row) => row.name)
}

/** Reads a database file without opening it through SQLite, so the reading changes nothing. */
function fingerprint(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

function thrown(fn: () => unknown): unknown {
  try {
    fn()
  } catch (error) {
    return error
  }
  throw new Error('expected the call to throw')
}

const ONE: Migration = { version: 1, name: 'one', sql: 'CREATE TABLE a (x INTEGER NOT NULL) STRICT;' }
const TWO: Migration = { version: 2, name: 'two', sql: 'CREATE TABLE b (y TEXT NOT NULL) STRICT;' }
/** Its first statement works; its second names a table that does not exist. */
const BAD: Migration = {
  version: 3,
  name: 'bad',
  sql: 'CREATE TABLE c (z INTEGER) STRICT; INSERT INTO no_such_table VALUES (1);',
}

describe('openDatabase: connection settings', () => {
  it('uses WAL, foreign keys, a busy timeout and synchronous=NORMAL', () => {
    const path = join(dirs.make(), 'library.sqlite')
    const db = open(path)
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000)
    expect(db.pragma('synchronous', { simple: true })).toBe(1)
    expect(existsSync(`${path}-wal`)).toBe(true)
  })

  it('keeps WAL for other connections (the mode is stored in the file)', () => {
    const path = join(dirs.make(), 'library.sqlite')
    open(path).close()
    const other = new Database(path, { readonly: true })
    try {
      expect(other.pragma('journal_mode', { simple: true })).toBe('wal')
    } finally {
      other.close()
    }
  })

  it('enforces foreign keys', () => {
    const db = open(join(dirs.make(), 'library.sqlite'))
    const insertMedia = db.prepare(
      `INSERT INTO media (owner_id, type, title, created, modified) VALUES (?, 'file', 't', 'now', 'now')`,
    )
    expect(() => insertMedia.run(42)).toThrow('FOREIGN KEY constraint failed')
    expect(db.prepare('SELECT count(*) AS n FROM media').get()).toEqual({ n: 0 })
  })
})

describe('openDatabase: the real migrations', () => {
  it('brings a new database to the newest version', () => {
    const db = open(join(dirs.make(), 'library.sqlite'))
    expect(MIGRATIONS.length).toBeGreaterThan(0)
    expect(LATEST).toBeGreaterThanOrEqual(10)
    expect(schemaVersion(db)).toBe(LATEST)
    expect(MIGRATIONS[0]).toMatchObject({ version: 10, name: 'initial' })
  })

  it('creates every table STRICT', () => {
    const db = open(join(dirs.make(), 'library.sqlite'))
    const tables = db
      .prepare<[], { name: string; strict: number }>(
        `SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%'`,
      )
      .all()
    const declared = new Set(
      MIGRATIONS.flatMap((m) => [...m.sql.matchAll(/CREATE TABLE (\w+)/g)].map((x) => x[1])),
    )
    // A table rebuilt the SQLite way is created under a new name, the old one dropped, the new renamed.
    for (const m of MIGRATIONS) {
      for (const [, from, to] of m.sql.matchAll(/ALTER TABLE (\w+) RENAME TO (\w+)/g)) {
        declared.delete(from)
        declared.add(to)
      }
    }
    expect(tables.map((t) => t.name).sort()).toEqual([...declared].sort())
    expect(tables.length).toBeGreaterThanOrEqual(16)
    expect(tables.filter((t) => t.strict !== 1).map((t) => t.name)).toEqual([])
  })

  it('refuses a value of the wrong type (what STRICT buys)', () => {
    const db = open(join(dirs.make(), 'library.sqlite'))
    const insert = db.prepare(
      `INSERT INTO media (owner_id, type, title, created, modified) VALUES ('one', 'file', '', '', '')`,
    )
    expect(() => insert.run()).toThrow('cannot store TEXT value in INTEGER column media.owner_id')
  })

  it('opens an up-to-date database again without changing it', () => {
    const path = join(dirs.make(), 'library.sqlite')
    const first = open(path)
    first.prepare(`INSERT INTO users (name, created) VALUES ('ann', '2024-01-01T00:00:00.000Z')`).run()
    first.close()
    const again = open(path)
    expect(schemaVersion(again)).toBe(LATEST)
    expect(again.prepare('SELECT name FROM users').all()).toEqual([{ name: 'ann' }])
  })
})

describe('openDatabase: migrations run in one transaction', () => {
  it('applies pending migrations in order and sets user_version to the last', () => {
    const path = join(dirs.make(), 'test.sqlite')
    const db = open(path, [ONE])
    expect(schemaVersion(db)).toBe(1)
    db.prepare('INSERT INTO a (x) VALUES (7)').run()
    db.close()
    const upgraded = open(path, [ONE, TWO])
    expect(schemaVersion(upgraded)).toBe(2)
    expect(tableNames(upgraded)).toEqual(['a', 'b'])
    expect(upgraded.prepare('SELECT x FROM a').all()).toEqual([{ x: 7 }])
  })

  it('leaves a new database empty at version 0 when the second migration fails', () => {
    const path = join(dirs.make(), 'test.sqlite')
    const error = thrown(() => open(path, [ONE, { ...BAD, version: 2 }]))
    expect((error as Error).message).toBe('no such table: no_such_table')
    const db = new Database(path)
    try {
      expect(schemaVersion(db)).toBe(0)
      expect(tableNames(db)).toEqual([])
    } finally {
      db.close()
    }
  })

  it('leaves an existing database, its version and its rows untouched when a later migration fails', () => {
    const path = join(dirs.make(), 'test.sqlite')
    const db = open(path, [ONE])
    db.prepare('INSERT INTO a (x) VALUES (1), (2)').run()
    db.close()
    expect(() => open(path, [ONE, TWO, BAD])).toThrow('no such table: no_such_table')
    const after = new Database(path)
    try {
      expect(schemaVersion(after)).toBe(1)
      expect(tableNames(after)).toEqual(['a'])
      expect(after.prepare('SELECT x FROM a ORDER BY x').all()).toEqual([{ x: 1 }, { x: 2 }])
    } finally {
      after.close()
    }
  })

  it('refuses migrations that are not in strictly increasing order', () => {
    const path = join(dirs.make(), 'test.sqlite')
    expect(() => open(path, [TWO, ONE])).toThrow('Migration 1-one does not come after 2')
    expect(() => open(path, [ONE, { ...TWO, version: 1 }])).toThrow('Migration 1-two does not come after 1')
  })

  it('does not run migrations again that another process applied while we waited for the lock', async () => {
    const path = join(dirs.make(), 'race.sqlite')
    const child = spawn(
      process.execPath,
      [
        join(__dirname, '..', '..', 'helpers', 'migrate-holding-lock.cjs'),
        path,
        '2',
        '400',
        `${ONE.sql}\n${TWO.sql}`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve))
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve())
      child.on('exit', () => reject(new Error('the lock holder exited before taking the lock')))
    })
    // The other process holds the write lock with version 2 not yet committed: we read version 0,
    // wait for the lock (busy_timeout), and must then see that there is nothing left to do.
    const db = open(path, [ONE, TWO])
    expect(schemaVersion(db)).toBe(2)
    expect(tableNames(db)).toEqual(['a', 'b'])
    expect(await exited).toBe(0)
  })
})

describe('openDatabase: a database newer than this code', () => {
  function makeNewerDatabase(path: string, journalMode: 'delete' | 'wal'): void {
    const db = new Database(path)
    db.pragma(`journal_mode = ${journalMode}`)
    db.exec(`CREATE TABLE future (id INTEGER PRIMARY KEY, note TEXT) STRICT;
             INSERT INTO future (note) VALUES ('from a newer Castdesk');`)
    db.pragma('user_version = 999')
    db.close()
  }

  for (const journalMode of ['delete', 'wal'] as const) {
    it(`is refused with database_too_new and left byte for byte as it was (journal_mode=${journalMode})`, () => {
      const dir = dirs.make()
      const path = join(dir, 'library.sqlite')
      makeNewerDatabase(path, journalMode)
      const before = fingerprint(path)
      const filesBefore = readdirSync(dir).sort()

      const error = thrown(() => open(path))
      expect(error).toBeInstanceOf(CastdeskError)
      expect((error as CastdeskError).code).toBe('database_too_new')
      expect((error as CastdeskError).message).toBe(
        `The library database ${path} has schema version 999, but this Castdesk knows only up to ${LATEST}. Update Castdesk to open it; nothing was changed.`,
      )

      expect(fingerprint(path)).toBe(before)
      expect(readdirSync(dir).sort()).toEqual(filesBefore)
      const check = new Database(path, { readonly: true })
      try {
        expect(check.pragma('journal_mode', { simple: true })).toBe(journalMode)
        expect(schemaVersion(check)).toBe(999)
        expect(tableNames(check)).toEqual(['future'])
      } finally {
        check.close()
      }
    })
  }

  it('is refused by a fake migration list too, whatever the list', () => {
    const path = join(dirs.make(), 'test.sqlite')
    open(path, [ONE, TWO]).close()
    const error = thrown(() => open(path, [ONE]))
    expect((error as CastdeskError).code).toBe('database_too_new')
    expect((error as Error).message).toContain('has schema version 2, but this Castdesk knows only up to 1.')
  })
})
