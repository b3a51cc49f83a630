import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import Database from 'better-sqlite3'
import type { CastdeskConfig } from '../../shared/config-schema'
import { CastdeskError, type ErrorCode } from '../../shared/errors'
import { formatBytes } from '../../shared/format'
import { NEW_CATALOG_COMMAND, RESTORE_COMMAND, sqliteErrorBody } from '../../shared/sqlite-errors'
import { describeEvidence, gatherEvidence, holdsLibrary, type LibraryEvidence } from './catalog-evidence'
import { sqliteAddon } from './sqlite-addon'
import { parseSqliteHeader, SQLITE_HEADER_BYTES } from './sqlite-header.codec'

/** What is wrong with a library's database file, found without letting SQLite write to it. */
export type CatalogProblem = 'missing' | 'empty' | 'no_schema' | 'not_sqlite' | 'damaged'

export interface CatalogInspection {
  /** null: the file looks like a catalog (or there is none, in a folder without a library). */
  problem: CatalogProblem | null
  /** What was found, as a clause: "the database is 0 bytes". */
  found: string
  evidence: LibraryEvidence
}

const CODE: Record<CatalogProblem, ErrorCode> = {
  missing: 'library_database_missing',
  empty: 'library_database_missing',
  no_schema: 'library_database_missing',
  not_sqlite: 'library_damaged',
  damaged: 'library_damaged',
}

/**
 * Looks at `library.sqlite` before better-sqlite3 opens it for writing (which would turn a missing
 * or empty file into a fresh, empty catalog). A normal open costs a stat and a 100-byte read; only
 * a file that looks wrong is opened, in memory or read-only, and checked further.
 */
export function inspectCatalog(
  root: string,
  dbPath: string,
  config: CastdeskConfig,
  nativeBinding?: string,
): CatalogInspection {
  const { problem, found } = inspectFile(dbPath, nativeBinding)
  // Counting media costs a walk of the folder: only done when something is wrong.
  const evidence = problem ? gatherEvidence(root, config) : { mediaFiles: 0, mediaDirs: [] }
  return { problem, found, evidence }
}

/**
 * Throws the refusal for a library whose catalog is missing, empty, not SQLite or damaged.
 * Returns true when there is no library here at all yet (no database, no id, no media): the
 * caller may create one when asked to.
 */
export function assertCatalogUsable(
  root: string,
  dbPath: string,
  config: CastdeskConfig,
  nativeBinding?: string,
): boolean {
  const inspection = inspectCatalog(root, dbPath, config, nativeBinding)
  if (!inspection.problem) return false
  const fresh = !holdsLibrary(inspection.evidence)
  // A folder where only an unfinished first `init` left a file: nothing to lose, start again.
  if (fresh && ['missing', 'empty', 'no_schema'].includes(inspection.problem)) return true
  throw catalogRefusal(root, dbPath, inspection)
}

export function catalogRefusal(root: string, dbPath: string, inspection: CatalogInspection): CastdeskError {
  const problem = inspection.problem ?? 'damaged'
  const held = holdsLibrary(inspection.evidence)
    ? `, but this folder holds a library (${describeEvidence(inspection.evidence)})`
    : ''
  return new CastdeskError(
    CODE[problem],
    `The library database ${dbPath} cannot be used: ${inspection.found}${held}. Nothing was changed. Restore the catalog from a backup with "${RESTORE_COMMAND} --from BACKUP --library ${quote(root)}" (BACKUP: the backup storage's name, folder or s3:// address; the media here are checked and kept), or start a new catalog on purpose with "${NEW_CATALOG_COMMAND} --library ${quote(root)}" (the old file is kept beside it).`,
  )
}

function inspectFile(
  dbPath: string,
  nativeBinding?: string,
): { problem: CatalogProblem | null; found: string } {
  let size: number
  try {
    size = statSync(dbPath).size
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      return { problem: 'missing', found: 'the database file is missing' }
    throw error
  }
  // Writes still in the -wal file: only SQLite can tell what the file and its log hold together.
  if (sizeOf(`${dbPath}-wal`) > 0 && (size < SQLITE_HEADER_BYTES || !parseSqliteHeader(readStart(dbPath))))
    return probe(dbPath, size, 0, nativeBinding)
  if (size === 0) return { problem: 'empty', found: 'the database is 0 bytes' }
  const header = parseSqliteHeader(readStart(dbPath))
  if (!header) {
    return {
      problem: 'not_sqlite',
      found: `the database (${formatBytes(size)}) is not an SQLite database`,
    }
  }
  const expected = header.pageCount === null ? 0 : header.pageCount * header.pageSize
  // user_version 0 is a new file, or a catalog whose newest writes are still in the -wal file.
  if (size >= expected && size % header.pageSize === 0 && header.userVersion !== 0)
    return { problem: null, found: '' }
  return probe(dbPath, size, expected, nativeBinding)
}

/** The careful look at a file that looks wrong: SQLite reads it, never writes it. */
function probe(
  dbPath: string,
  size: number,
  expected: number,
  nativeBinding?: string,
): { problem: CatalogProblem | null; found: string } {
  const truncated =
    size < expected
      ? ` (${formatBytes(size)}, but its header says ${formatBytes(expected)}: it was cut short)`
      : ''
  let db: Database.Database | null = null
  // With a -wal file, a short main file may be a checkpoint in progress: SQLite's verdict counts.
  const walWrites = sizeOf(`${dbPath}-wal`) > 0
  try {
    db = openForReading(dbPath, walWrites, nativeBinding)
    const tables = db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() as number
    const version = db.pragma('user_version', { simple: true }) as number
    const check = String(db.pragma('quick_check(1)', { simple: true }))
    if (check !== 'ok') return { problem: 'damaged', found: `the database is damaged${truncated}: ${check}` }
    if (tables === 0 && version === 0)
      return { problem: 'no_schema', found: 'the database holds no catalog (no tables)' }
    if (truncated && !walWrites) return { problem: 'damaged', found: `the database is damaged${truncated}` }
    return { problem: null, found: '' }
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '')
    if (code === 'SQLITE_NOTADB')
      return { problem: 'not_sqlite', found: 'the database is not an SQLite database' }
    // An in-memory copy can fail only because of its bytes.
    const fromBytes = code.startsWith('SQLITE_') && !walWrites
    if (fromBytes || code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_IOERR'))
      return {
        problem: 'damaged',
        found: `the database is damaged${truncated} (${(error as Error).message})`,
      }
    throw error
  } finally {
    db?.close()
  }
}

/**
 * Without a -wal file the bytes are copied into memory, so not even an empty -wal or -shm appears
 * beside the file; with one, a read-only connection is the only way to see its newest writes.
 */
function openForReading(dbPath: string, walWrites: boolean, nativeBinding?: string): Database.Database {
  // The desktop app's addon is built for Electron's ABI (see desktop/sqlite-binding.ts).
  const addon = sqliteAddon(nativeBinding)
  const binding = addon ? { nativeBinding: addon } : {}
  if (walWrites) return new Database(dbPath, { readonly: true, fileMustExist: true, ...binding })
  return new Database(readFileSync(dbPath), binding)
}

function sizeOf(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

function readStart(path: string): Buffer {
  const fd = openSync(path, 'r')
  try {
    const buffer = Buffer.alloc(SQLITE_HEADER_BYTES)
    const read = readSync(fd, buffer, 0, SQLITE_HEADER_BYTES, 0)
    return buffer.subarray(0, read)
  } finally {
    closeSync(fd)
  }
}

function quote(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `"${path}"`
}

/** An SQLite error met while opening the catalog, as the coded refusal that names the file. */
export function catalogOpenError(error: unknown, dbPath: string): unknown {
  const code = (error as { code?: unknown }).code
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return error
  const body = sqliteErrorBody(code, (error as Error).message, dbPath)
  return body ? new CastdeskError(body.code, body.message, { cause: error }) : error
}

/** SQLite's own check of every page; run where a slower start is fine (serve, the desktop app). */
export function assertCatalogIntact(db: Database.Database, dbPath: string): void {
  const result = String(db.pragma('quick_check(1)', { simple: true }))
  if (result === 'ok') return
  throw new CastdeskError(
    'library_damaged',
    `The library database ${dbPath} is damaged (SQLite's integrity check: ${result}). Nothing was changed. Restore it from the newest verified snapshot with "${RESTORE_COMMAND}", or start a new catalog on purpose with "${NEW_CATALOG_COMMAND}" (the damaged file is kept).`,
  )
}
