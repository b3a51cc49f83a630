import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { CommitBatcher } from '../../../src/main/importer/commit-batcher'

function table(): Database.Database {
  const db = new Database(':memory:')
  db.exec('CREATE TABLE t (x INTEGER UNIQUE)')
  return db
}
const insert = (db: Database.Database, x: number) => () =>
  Number(db.prepare('INSERT INTO t (x) VALUES (?)').run(x).lastInsertRowid)
const values = (db: Database.Database) =>
  db
    .prepare<[], { x: number }>('SELECT x FROM t ORDER BY x')
    .all()
    .map((row) => row.x)

describe('CommitBatcher', () => {
  it('commits work queued together in one transaction, and rolls back only the part that fails', async () => {
    const db = table()
    const batcher = new CommitBatcher(db, 10, 5)
    const results = await Promise.allSettled([
      batcher.add(insert(db, 1)),
      batcher.add(() => {
        insert(db, 2)()
        return insert(db, 1)() // a duplicate: this item's own insert of 2 is undone too
      }),
      batcher.add(insert(db, 3)),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect((results[1] as PromiseRejectedResult).reason.code).toBe('SQLITE_CONSTRAINT_UNIQUE')
    expect(values(db)).toEqual([1, 3])
  })

  it('flushes at maxItems without waiting, and what is queued later after waitMs', async () => {
    const db = table()
    const batcher = new CommitBatcher(db, 2, 60_000)
    const both = Promise.all([batcher.add(insert(db, 1)), batcher.add(insert(db, 2))])
    await expect(both).resolves.toHaveLength(2)
    const quick = new CommitBatcher(db, 100, 5)
    await expect(quick.add(insert(db, 3))).resolves.toBe(3)
    expect(values(db)).toEqual([1, 2, 3])
  })

  it('rejects every item, the ones whose work ran too, when the transaction cannot be had', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'castdesk-batcher-'))
    try {
      const db = new Database(join(dir, 'catalog.sqlite'))
      db.pragma('journal_mode = WAL')
      db.pragma('busy_timeout = 0')
      db.exec('CREATE TABLE t (x INTEGER UNIQUE)')
      const other = new Database(join(dir, 'catalog.sqlite'))
      other.exec('BEGIN IMMEDIATE') // another writer holds the lock
      const batcher = new CommitBatcher(db, 10, 5)
      const results = await Promise.allSettled([batcher.add(insert(db, 1)), batcher.add(insert(db, 2))])
      other.exec('ROLLBACK')
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
      expect((results[0] as PromiseRejectedResult).reason.code).toBe('SQLITE_BUSY')
      expect(values(db)).toEqual([])
      other.close()
      db.close()
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('runs its hooks inside the batch: after sees the values of the items that committed', async () => {
    const db = table()
    db.exec('CREATE TABLE log (entry TEXT)')
    const log = (entry: string) => db.prepare('INSERT INTO log (entry) VALUES (?)').run(entry)
    const batcher = new CommitBatcher(db, 10, 5, {
      before: () => log('before'),
      after: (committed) => log(`after ${committed.join(',')}`),
    })
    const results = await Promise.allSettled([
      batcher.add(insert(db, 1)),
      batcher.add(insert(db, 1)),
      batcher.add(insert(db, 2)),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    const entries = db.prepare<[], { entry: string }>('SELECT entry FROM log').all()
    expect(entries.map((row) => row.entry)).toEqual(['before', 'after 1,2'])
  })

  it('rolls the whole batch back when its after hook throws', async () => {
    const db = table()
    const batcher = new CommitBatcher(db, 10, 5, {
      before: () => undefined,
      after: () => {
        throw new Error('index write failed')
      },
    })
    const results = await Promise.allSettled([batcher.add(insert(db, 1)), batcher.add(insert(db, 2))])
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected'])
    expect(values(db)).toEqual([])
  })
})
