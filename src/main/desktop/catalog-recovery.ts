import { isAbsolute } from 'node:path'
import { toErrorBody } from '../../shared/errors'
import { RESTORE_COMMAND } from '../../shared/sqlite-errors'
import { Library, type LibraryOptions } from '../library/library'
import { describeNewCatalog, startNewCatalog } from '../library/new-catalog'

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

/** How to restore until the app restores by itself: the command to run, then "Try again". */
export function restoreInstructions(libraryDir: string): string {
  const dir = isAbsolute(libraryDir) && /^[\w./-]+$/.test(libraryDir) ? libraryDir : `"${libraryDir}"`
  return `To restore the catalog from a backup, run in a terminal:\n\n${RESTORE_COMMAND} --from SNAPSHOT --library ${dir}\n\nthen choose Try again. Your media files were not touched.`
}

/** The screens the app shows; Electron dialogs in the app, a script in tests. */
export interface RecoveryUi {
  choose(screen: RecoveryScreen): Promise<RecoveryChoice>
  /** Shows how to restore; resolves to "retry" or "quit". */
  showRestore(instructions: string): Promise<'retry' | 'quit'>
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
    if (choice === 'restore' && (await ui.showRestore(restoreInstructions(dir))) === 'quit') return null
  }
}
