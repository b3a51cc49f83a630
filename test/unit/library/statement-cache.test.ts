import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { withStatementCache } from '../../../src/main/library/statement-cache'

describe('withStatementCache', () => {
  it('compiles each SQL text once and otherwise is the same connection', () => {
    const connection = new Database(':memory:')
    const db = withStatementCache(connection)
    db.exec('CREATE TABLE t (x INTEGER)')
    const insert = db.prepare('INSERT INTO t (x) VALUES (?)')
    expect(db.prepare('INSERT INTO t (x) VALUES (?)')).toBe(insert)
    db.transaction(() => {
      for (const x of [1, 2, 3]) db.prepare('INSERT INTO t (x) VALUES (?)').run(x)
    })()
    expect(connection.prepare('SELECT sum(x) AS s FROM t').get()).toEqual({ s: 6 })
    expect(db.pragma('user_version', { simple: true })).toBe(0)
    expect(db.open).toBe(true)
    connection.close()
    expect(db.open).toBe(false)
  })
})
