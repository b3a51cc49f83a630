import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/library/database'
import { Library } from '../../../src/main/library/library'
import { assertSameLibrary } from '../../../src/main/library/library-identity'
import { MIGRATIONS } from '../../../src/main/library/migrations'
import { freshDirs } from '../../helpers/fresh-dirs'

const dirs = freshDirs('castdesk-identity-')

function configOf(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, 'castdesk.config.json'), 'utf8'))
}

describe('library identity', () => {
  it('gives a new library one id, the same in the database and the config', async () => {
    const dir = dirs.make()
    const library = await Library.open(dir, { create: true })
    library.close()
    expect(library.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(configOf(dir).libraryId).toBe(library.id)
    const db = new Database(join(dir, 'library.sqlite'), { readonly: true })
    expect(db.prepare('SELECT id FROM library_identity').pluck().get()).toBe(library.id)
    db.close()
    const again = await Library.open(dir)
    again.close()
    expect(again.id).toBe(library.id)
  })

  it('adds the id to a config written before ids existed, keeping its keys and no defaults', async () => {
    const dir = dirs.make()
    const first = await Library.open(dir, { create: true })
    first.close()
    writeFileSync(join(dir, 'castdesk.config.json'), '{"avifEffort": 5}\n')
    const library = await Library.open(dir)
    library.close()
    expect(configOf(dir)).toEqual({ libraryId: first.id, avifEffort: 5 })
  })

  it('refuses a database of another library and changes neither file', async () => {
    const mine = dirs.make()
    const other = dirs.make()
    ;(await Library.open(mine, { create: true })).close()
    ;(await Library.open(other, { create: true })).close()
    const config = readFileSync(join(mine, 'castdesk.config.json'))
    writeFileSync(join(mine, 'library.sqlite'), readFileSync(join(other, 'library.sqlite')))
    const database = readFileSync(join(mine, 'library.sqlite'))
    await expect(Library.open(mine)).rejects.toMatchObject({ code: 'library_mismatch' })
    expect(readFileSync(join(mine, 'castdesk.config.json'))).toEqual(config)
    expect(readFileSync(join(mine, 'library.sqlite'))).toEqual(database)
  })

  it('refuses another library’s database before a migration would write to it', async () => {
    const mine = dirs.make()
    const other = dirs.make()
    ;(await Library.open(mine, { create: true })).close()
    ;(await Library.open(other, { create: true })).close()
    const path = join(mine, 'library.sqlite')
    writeFileSync(path, readFileSync(join(other, 'library.sqlite')))
    const database = readFileSync(path)
    // A Castdesk newer than the foreign file: one more migration to run.
    const newer = [...MIGRATIONS, { version: 99_999, name: 'newer', sql: 'CREATE TABLE newer (a) STRICT' }]
    expect(() => openDatabase(path, newer, { beforeWrite: (db) => assertSameLibrary(mine, db) })).toThrow(
      expect.objectContaining({ code: 'library_mismatch' }),
    )
    expect(readFileSync(path)).toEqual(database)
  })
})
