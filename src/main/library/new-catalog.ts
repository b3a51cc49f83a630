import { existsSync, renameSync } from 'node:fs'
import { basename, dirname, isAbsolute, join, resolve } from 'node:path'
import { CastdeskError, isCastdeskError } from '../../shared/errors'
import { gatherEvidence } from './catalog-evidence'
import { inspectCatalog } from './catalog-inspection'
import { readConfig } from './config-file'
import { DATABASE_FILE, Library, type LibraryOptions } from './library'

/** The refusals `init --new-catalog` is the on-purpose way out of. */
const REPLACEABLE = new Set(['library_database_missing', 'library_damaged', 'library_mismatch'])

export interface NewCatalog {
  library: Library
  /** Where the old database (and its -wal, -shm) now are. */
  kept: string[]
  /** Media files the new catalog does not know yet, and the commands that import them again. */
  mediaFiles: number
  reimport: string[]
}

/**
 * `castdesk init --new-catalog` and the desktop app's "Start a new catalog": the old database is
 * renamed beside it (`library.sqlite.broken-<UTC time>`), never deleted, and a new one is made
 * with the config's library id, so the storages' markers still match. A healthy catalog is
 * refused: this is not a way to empty a library.
 */
export async function startNewCatalog(
  dir: string,
  now: Date,
  options: LibraryOptions = {},
): Promise<NewCatalog> {
  const root = resolve(dir)
  const dbPath = join(root, DATABASE_FILE)
  await assertCatalogReplaceable(
    root,
    options,
    `The catalog in ${root} is healthy, so --new-catalog would only hide your library. Nothing was changed. It is for a catalog that is missing, damaged or of another library.`,
  )
  const kept = setAsideDatabase(dbPath, `broken-${timeStamp(now)}`)
  const library = await Library.open(root, { ...options, create: true, newCatalog: true })
  const evidence = gatherEvidence(root, library.config)
  return { library, kept, mediaFiles: evidence.mediaFiles, reimport: reimportCommands(library) }
}

/** What happened, for people: where the old file is and how the media come back. */
export function describeNewCatalog(made: NewCatalog): string[] {
  const lines = [
    ...made.kept.map((path) => `Kept ${path}`),
    `Started a new, empty catalog for library ${made.library.id} at ${made.library.dir}`,
  ]
  if (made.mediaFiles > 0) {
    const count = made.mediaFiles.toLocaleString('en-US')
    lines.push(
      `The media folder holds ${count} file${made.mediaFiles === 1 ? '' : 's'} the new catalog does not know.`,
    )
    if (made.reimport.length)
      lines.push(
        'To catalog them again, move them out and import them:',
        ...made.reimport.map((c) => `  ${c}`),
      )
  }
  return lines
}

/** A UTC time for file names: 20261206T072201Z. */
export function timeStamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
}

/**
 * Renames the database and its -wal, -shm, -journal beside it as `library.sqlite.<label>…`, never
 * deleting; returns where they went.
 */
export function setAsideDatabase(dbPath: string, label: string): string[] {
  const kept: string[] = []
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    const from = `${dbPath}${suffix}`
    if (!existsSync(from)) continue
    const to = `${dbPath}.${label}${suffix}`
    if (existsSync(to))
      throw new CastdeskError('invalid_input', `${to} already exists; try again in a second.`)
    renameSync(from, to)
    kept.push(to)
  }
  return kept
}

/**
 * Refuses (`library_exists`, with `healthyMessage`) unless the catalog of the library in `root` is
 * missing, damaged or of another library: what a new catalog or an in-place restore may replace.
 */
export async function assertCatalogReplaceable(
  root: string,
  options: LibraryOptions,
  healthyMessage: string,
): Promise<void> {
  if (inspectCatalog(root, join(root, DATABASE_FILE), readConfig(root), options.sqliteBinding).problem) return
  let library: Library
  try {
    library = await Library.open(root, { ...options, checkIntegrity: true })
  } catch (error) {
    if (isCastdeskError(error) && REPLACEABLE.has(error.code)) return
    throw error
  }
  library.close()
  throw new CastdeskError('library_exists', healthyMessage)
}

/** Move the uncatalogued files out of the library, then import them like any other files. */
function reimportCommands(library: Library): string[] {
  const settings = library.config.storages.default
  if (settings?.type !== 'local') return []
  const media = isAbsolute(settings.location) ? settings.location : join(library.dir, settings.location)
  if (!existsSync(media)) return []
  const aside = join(dirname(library.dir), `${basename(library.dir)}-${basename(media)}-before-new-catalog`)
  return [
    `mv ${shellQuote(media)} ${shellQuote(aside)}`,
    // The media folder is a storage: after the move it is set up again, empty, with its marker.
    `castdesk --library ${shellQuote(library.dir)} storages init default`,
    `castdesk --library ${shellQuote(library.dir)} import ${shellQuote(aside)}`,
  ]
}

function shellQuote(path: string): string {
  return /^[\w./-]+$/.test(path) ? path : `'${path.replace(/'/g, `'\\''`)}'`
}
