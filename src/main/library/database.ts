import Database from 'better-sqlite3'
import { CastdeskError } from '../../shared/errors'
import { MIGRATIONS, type Migration } from './migrations'
import { sqliteAddon } from './sqlite-addon'

export type Db = Database.Database

export interface OpenDatabaseOptions {
  /**
   * better-sqlite3's compiled addon to load instead of its own build: the desktop app passes one
   * built for Electron's ABI, while Node (CLI, tests, `castdesk serve`) keeps the default.
   */
  nativeBinding?: string
  /** Runs on the opened file before anything is written to it (refusals that must leave it unchanged). */
  beforeWrite?: (db: Db) => void
}

/** Opens (creating if needed) the library database and brings its schema up to date. */
export function openDatabase(
  path: string,
  migrations: readonly Migration[] = MIGRATIONS,
  options: OpenDatabaseOptions = {},
): Db {
  assertStrictlyIncreasing(migrations)
  const addon = sqliteAddon(options.nativeBinding)
  const db = new Database(path, addon ? { nativeBinding: addon } : {})
  try {
    db.pragma('busy_timeout = 5000')
    // A database newer than this code is refused before anything, even the journal mode, is written.
    pendingMigrations(db, migrations, path)
    options.beforeWrite?.(db)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    // better-sqlite3 turns foreign keys on by default; a table rebuild in a migration must not cascade.
    db.pragma('foreign_keys = OFF')
    migrate(db, migrations, path)
    db.pragma('foreign_keys = ON')
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
  if (pendingMigrations(db, migrations, path).length === 0) return
  const latest = migrations.at(-1)?.version ?? 0
  db.transaction(() => {
    // Read again under the write lock: another process may have migrated while we waited for it.
    for (const migration of pendingMigrations(db, migrations, path)) db.exec(migration.sql)
    // Foreign keys are off while migrating, so they are checked here, before the commit.
    const broken = db.pragma('foreign_key_check') as unknown[]
    if (broken.length > 0) {
      throw new Error(`Migrating ${path} left ${broken.length} broken references; nothing was changed.`)
    }
    db.pragma(`user_version = ${latest}`)
  }).immediate()
}

function pendingMigrations(db: Db, migrations: readonly Migration[], path: string): readonly Migration[] {
  const latest = migrations.at(-1)?.version ?? 0
  const current = schemaVersion(db)
  if (current > latest) {
    throw new CastdeskError(
      'database_too_new',
      `The library database ${path} has schema version ${current}, but this Castdesk knows only up to ${latest}. Update Castdesk to open it; nothing was changed.`,
    )
  }
  return migrations.filter((migration) => migration.version > current)
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
