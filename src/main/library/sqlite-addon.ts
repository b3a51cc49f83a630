import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { lazy, requireLazily } from '../platform/lazy'

/**
 * The better-sqlite3 addon a connection loads: the one given (the desktop app's, built for
 * Electron's ABI), else the package's own build for Node, named so that better-sqlite3 skips its
 * search for it (the `bindings` package: a stack trace read and a dozen paths tried, every start).
 * Undefined leaves the search to better-sqlite3 (a build in an unusual place).
 */
export function sqliteAddon(explicit?: string): string | undefined {
  return explicit ?? nodeBuild()
}

const nodeBuild = lazy(() => {
  try {
    const file = join(
      dirname(requireLazily.resolve('better-sqlite3/package.json')),
      'build',
      'Release',
      'better_sqlite3.node',
    )
    return existsSync(file) ? file : undefined
  } catch {
    return undefined
  }
})
