import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** better-sqlite3's addon built for Electron's ABI by `npm run electron:sqlite` (scripts/electron-sqlite.cjs). */
export const ELECTRON_SQLITE_ADDON = 'better_sqlite3.node'
/** Where that script puts it, relative to the project; electron-builder copies it to `<resources>/native/`. */
export const ELECTRON_SQLITE_BUILD_DIR = join('build', 'native', 'electron')

export interface AppLocation {
  isPackaged: boolean
  /** Electron's `process.resourcesPath`. */
  resourcesPath: string
  /** Electron's `app.getAppPath()`: the project folder when run unpackaged. */
  appPath: string
}

/**
 * The Electron-ABI better-sqlite3 addon for the desktop app, or undefined to let better-sqlite3 load
 * its own build (an unpackaged run without `npm run electron:sqlite`; it then names the ABI it
 * wants). The addon in node_modules stays the Node build that the CLI and tests use.
 */
export function electronSqliteBinding(
  app: AppLocation,
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  const candidate = app.isPackaged
    ? join(app.resourcesPath, 'native', ELECTRON_SQLITE_ADDON)
    : join(app.appPath, ELECTRON_SQLITE_BUILD_DIR, ELECTRON_SQLITE_ADDON)
  return exists(candidate) ? candidate : undefined
}
