import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { httpError } from '../../../src/main/server/http-errors'
import { toErrorBody } from '../../../src/shared/errors'

/** Runs `work` and returns what it threw (a real better-sqlite3 SqliteError). */
function thrownBy(work: () => unknown): unknown {
  try {
    work()
  } catch (error) {
    return error
  }
  throw new Error('nothing was thrown')
}

describe('SQLite errors become coded errors with the fix, never internal', () => {
  const dir = mkdtempSync(join(tmpdir(), 'castdesk-sqlite-errors-'))

  it('not a database: library_damaged, naming the restore command', () => {
    const path = join(dir, 'garbage.sqlite')
    writeFileSync(path, Buffer.alloc(8192, 0x41))
    const error = thrownBy(() => new Database(path).prepare('SELECT 1 FROM sqlite_master').get())
    expect((error as { code: string }).code).toBe('SQLITE_NOTADB')
    const body = toErrorBody(error)
    expect(body.code).toBe('library_damaged')
    expect(body.message).toContain('castdesk library restore')
    expect(httpError(error).status).toBe(500)
  })

  it('a full database: disk_full, saying to free space', () => {
    const db = new Database(':memory:')
    db.exec('CREATE TABLE t (a TEXT)')
    db.pragma('max_page_count = 3')
    const error = thrownBy(() => {
      for (let i = 0; i < 1000; i++) db.prepare('INSERT INTO t VALUES (?)').run('x'.repeat(1000))
    })
    expect((error as { code: string }).code).toBe('SQLITE_FULL')
    expect(toErrorBody(error)).toMatchObject({
      code: 'disk_full',
      message: expect.stringMatching(/Free up space/),
    })
  })

  it('read-only: storage_denied, naming the permissions', () => {
    const path = join(dir, 'ro.sqlite')
    new Database(path).exec('CREATE TABLE t (a)')
    const error = thrownBy(() => new Database(path, { readonly: true }).exec('INSERT INTO t VALUES (1)'))
    expect((error as { code: string }).code).toMatch(/^SQLITE_READONLY/)
    expect(toErrorBody(error)).toMatchObject({
      code: 'storage_denied',
      message: expect.stringMatching(/permissions/),
    })
  })

  it('cannot open: database_error, naming the folder to check', () => {
    // A folder where the database file should be.
    const error = thrownBy(() => new Database(dir))
    expect((error as { code: string }).code).toBe('SQLITE_CANTOPEN')
    const body = toErrorBody(error)
    expect(body.code).toBe('database_error')
    expect(body.message).toMatch(/library folder exists and is reachable/)
    expect(httpError(error).status).toBe(503)
  })

  it('other SQLite errors are still Castdesk faults', () => {
    const db = new Database(':memory:')
    expect(toErrorBody(thrownBy(() => db.exec('NOT SQL'))).code).toBe('internal')
  })
})
