import type { ErrorBody } from './errors'

/** The command that brings a catalog back from a snapshot (named in every damaged-catalog sentence). */
export const RESTORE_COMMAND = 'castdesk library restore'
export const NEW_CATALOG_COMMAND = 'castdesk init --new-catalog'

/**
 * SQLite's result codes (better-sqlite3's `SqliteError.code`, extended codes included) as the
 * coded error a person can act on; null for codes that are not about the database file.
 * `where` is the database file when the caller knows it.
 */
export function sqliteErrorBody(code: string, detail: string, where?: string): ErrorBody | null {
  const file = where ? `The library database ${where}` : 'The library database'
  const sqlite = `(SQLite: ${detail})`
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return {
      code: 'library_damaged',
      message: `${file} is damaged ${sqlite}. Restore it from the newest verified snapshot with "${RESTORE_COMMAND}", or start a new catalog on purpose with "${NEW_CATALOG_COMMAND}" (the damaged file is kept).`,
    }
  }
  if (code === 'SQLITE_FULL') {
    return {
      code: 'disk_full',
      message: `The disk holding the library database is full ${sqlite}; nothing was saved of this change. Free up space on that disk, then try again.`,
    }
  }
  if (code.startsWith('SQLITE_IOERR')) {
    return {
      code: 'database_error',
      message: `Castdesk could not read or write the library database ${sqlite}. Check that the disk holding the library is connected, healthy and not full, then try again; if it keeps failing, restore the library from the newest verified snapshot with "${RESTORE_COMMAND}".`,
    }
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return {
      code: 'database_error',
      message: `${file} cannot be opened ${sqlite}. Check that the library folder exists and is reachable (a disconnected drive or network share?) and that you may read and write it, then try again.`,
    }
  }
  if (code.startsWith('SQLITE_READONLY')) {
    return {
      code: 'storage_denied',
      message: `${file} cannot be written ${sqlite}. Check the permissions of the library folder and its library.sqlite, or move the library to a writable disk.`,
    }
  }
  return null
}
