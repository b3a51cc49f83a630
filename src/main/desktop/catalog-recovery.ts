import { isAbsolute } from 'node:path'
import { toErrorBody } from '../../shared/errors'
import { RESTORE_COMMAND } from '../../shared/sqlite-errors'
import { Library, type LibraryOptions } from '../library/library'
import { describeNewCatalog, startNewCatalog } from '../library/new-catalog'
import { restoreLibrary } from '../library-backup/restore/library-restore.service'
import { describeRestore } from '../library-backup/restore/restore-report'
import { type RestoreOffer, restoreOffers } from './restore-offers'

export type RecoveryChoice = 'restore' | 'new_catalog' | 'retry' | 'quit'

/** What the desktop app's first screen shows when its library cannot be opened. */
export interface RecoveryScreen {
  title: string
  /** The refusal's sentence: what was found and the fix. */
  message: string
  code: string
  choices: { id: RecoveryChoice; label: string }[]
}

/** The refusals where the catalog itself is the problem: a backup or a new catalog are the ways out. */
const CATALOG_CODES = new Set(['library_database_missing', 'library_damaged', 'library_mismatch'])
/** Problems of the disk or folder around the catalog: fix them and try again. */
const PLACE_CODES = new Set(['disk_full', 'database_error', 'storage_denied', 'unreadable_file'])

const QUIT = { id: 'quit', label: 'Quit' } as const
const RETRY = { id: 'retry', label: 'Try again' } as const

export function recoveryScreen(error: unknown): RecoveryScreen {
  const { code, message } = toErrorBody(error)
  if (CATALOG_CODES.has(code)) {
    return {
      title:
        code === 'library_mismatch'
          ? 'This catalog belongs to another library'
          : 'The catalog cannot be opened',
      message,
      code,
      choices: [
        { id: 'restore', label: 'Restore from a backup' },
        { id: 'new_catalog', label: 'Start a new catalog' },
        QUIT,
      ],
    }
  }
  return {
    title: PLACE_CODES.has(code)
      ? 'The library’s disk or folder needs attention'
      : 'The library cannot be opened',
    message,
    code,
    choices: [RETRY, QUIT],
  }
}

/** How to restore by hand (no backup storage the app can read): the command to run, then "Try again". */
export function restoreInstructions(libraryDir: string): string {
  const dir = isAbsolute(libraryDir) && /^[\w./-]+$/.test(libraryDir) ? libraryDir : `"${libraryDir}"`
  return `To restore the catalog from a backup, run in a terminal:\n\n${RESTORE_COMMAND} --from BACKUP --library ${dir}\n\n(BACKUP: your backup storage's name, e.g. backup, its folder or its s3:// address), then choose Try again. Your media files were not touched.`
}

/** The screens the app shows; Electron dialogs in the app, a script in tests. */
export interface RecoveryUi {
  choose(screen: RecoveryScreen): Promise<RecoveryChoice>
  /**
   * Offers the newest verified snapshot of each backup storage (none: only the command); resolves
   * to the offer chosen, "retry" (restored by hand) or "quit". `unreadable` names storages that failed.
   */
  chooseRestore(
    offers: RestoreOffer[],
    instructions: string,
    unreadable: string[],
  ): Promise<RestoreOffer | 'retry' | 'quit'>
  /** What the restore did (or why it stopped); the app then opens the library again. */
  restoreDone(lines: string[], failed: boolean): Promise<void>
  /** Says where the old file went and how to import the media again. */
  newCatalogStarted(lines: string[]): Promise<void>
}

/**
 * The desktop app's open: a new folder becomes a library; a library whose catalog is refused is
 * never replaced silently, the person chooses. Null when they chose to quit.
 */
export async function openDesktopLibrary(
  dir: string,
  options: LibraryOptions,
  ui: RecoveryUi,
  now: () => Date = () => new Date(),
): Promise<Library | null> {
  for (;;) {
    let screen: RecoveryScreen
    try {
      return await Library.open(dir, { ...options, create: true, checkIntegrity: true })
    } catch (error) {
      screen = recoveryScreen(error)
    }
    const choice = await ui.choose(screen)
    if (choice === 'quit') return null
    if (choice === 'new_catalog') {
      const made = await startNewCatalog(dir, now(), options)
      await ui.newCatalogStarted(describeNewCatalog(made))
      return made.library
    }
    if (choice === 'restore' && (await restoreFromBackup(dir, options, ui, now)) === 'quit') return null
  }
}

/**
 * "Restore from a backup": the catalog repaired in place from the snapshot the person picks (the
 * refused file kept beside it, the media checked and kept), as `castdesk library restore` does.
 */
async function restoreFromBackup(
  dir: string,
  options: LibraryOptions,
  ui: RecoveryUi,
  now: () => Date,
): Promise<'opened' | 'quit'> {
  const { offers, unreadable } = await restoreOffers(dir, process.env)
  const picked = await ui.chooseRestore(offers, restoreInstructions(dir), unreadable)
  if (picked === 'quit') return 'quit'
  if (picked === 'retry') return 'opened'
  try {
    const report = await restoreLibrary({
      from: picked.storage,
      snapshot: picked.snapshot,
      target: dir,
      env: process.env,
      currentLibraryDir: dir,
      sqliteBinding: options.sqliteBinding,
      now,
    })
    await ui.restoreDone(describeRestore(report), false)
  } catch (error) {
    const { code, message } = toErrorBody(error)
    await ui.restoreDone([`The restore stopped: ${message} [${code}]`], true)
  }
  return 'opened'
}
