import Database from 'better-sqlite3'
import { CastdeskError } from '../../shared/errors'
import { MIGRATIONS, type Migration } from './migrations'

export type Db = Database.Database

/** Opens (creating if needed) the library database and brings its schema up to date. */
export function openDatabase(path: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  const db = new Database(path)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    migrate(db, migrations, path)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

function migrate(db: Db, migrations: readonly Migration[], path: string): void {
  assertStrictlyIncreasing(migrations)
  const latest = migrations.at(-1)?.version ?? 0
  const current = schemaVersion(db)
  if (current > latest) {
    throw new CastdeskError(
      'database_too_new',
      `The library database ${path} has schema version ${current}, but this Castdesk knows only up to ${latest}. Update Castdesk to open it; nothing was changed.`,
    )
  }
  const pending = migrations.filter((migration) => migration.version > current)
  if (pending.length === 0) return
  db.transaction(() => {
    for (const migration of pending) db.exec(migration.sql)
    db.pragma(`user_version = ${latest}`)
  }).immediate()
}

function assertStrictlyIncreasing(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1]
    if (previous && migration.version <= previous.version) {
      throw new Error(
        `Migration ${migration.version}-${migration.name} does not come after ${previous.version}`,
      )
    }
  })
}
