import { existsSync } from 'node:fs'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { sqliteAddon } from '../../../src/main/library/sqlite-addon'

describe('the SQLite addon a connection loads', () => {
  it('is the one given (the desktop app names its Electron build)', () => {
    expect(sqliteAddon('/opt/castdesk/resources/native/better_sqlite3.node')).toBe(
      '/opt/castdesk/resources/native/better_sqlite3.node',
    )
  })

  it('is otherwise better-sqlite3’s own build for Node, named so that nothing searches for it', () => {
    const addon = sqliteAddon()
    expect(addon).toMatch(/better-sqlite3[\\/]build[\\/]Release[\\/]better_sqlite3\.node$/)
    expect(addon && existsSync(addon)).toBe(true)
    const db = new Database(':memory:', { nativeBinding: addon })
    expect(db.prepare('SELECT sqlite_version() AS v').get()).toMatchObject({ v: expect.any(String) })
    db.close()
  })
})
