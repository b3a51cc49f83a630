// Removes compile-cache entries nobody can use any more. Each build's chunks have new names, so
// without this the cache grows by the size of a build at every update.
import { existsSync, lstatSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { entrySource } from './compile-cache-entry'

/** A prune runs at most this often (it reads every entry's header). */
const PRUNE_EVERY_MS = 60 * 60_000
/** A temporary file this old was left by a killed run, not one writing now. */
const TEMP_STALE_MS = 60 * 60_000
const MARKER = 'last-prune'

/**
 * Removes, in `dir` only, entries whose source file no longer exists or that are not of the current
 * format, and temporary files left by killed runs; at most once per PRUNE_EVERY_MS. Returns how
 * many files it removed (0 when it was not its time).
 */
export function pruneEntries(dir: string, now = Date.now()): number {
  const marker = join(dir, MARKER)
  try {
    if (now - lstatSync(marker).mtimeMs < PRUNE_EVERY_MS) return 0
  } catch {
    // never pruned here
  }
  writeFileSync(marker, '')
  utimesSync(marker, now / 1000, now / 1000)
  let removed = 0
  for (const name of readdirSync(dir)) {
    const file = join(dir, name)
    try {
      const stat = lstatSync(file)
      if (!stat.isFile()) continue
      const stale = name.endsWith('.tmp')
        ? now - stat.mtimeMs > TEMP_STALE_MS
        : name.endsWith('.bin') && !sourceExists(file)
      if (stale) {
        rmSync(file, { force: true })
        removed++
      }
    } catch {
      // gone meanwhile, or unreadable: leave it
    }
  }
  return removed
}

function sourceExists(entry: string): boolean {
  const source = entrySource(entry)
  return source !== null && existsSync(source)
}
