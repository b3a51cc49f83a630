import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'

/**
 * Call at the top of a test file (or describe block): returns a function that makes a fresh
 * folder under os.tmpdir(). Every folder it made is removed after each test, after `cleanup`
 * callbacks (close databases there) have run.
 */
export function freshDirs(prefix = 'castdesk-'): { make: () => string; cleanup: (fn: () => void) => void } {
  const made: string[] = []
  const cleanups: (() => void)[] = []
  afterEach(() => {
    for (const fn of cleanups.splice(0).reverse()) fn()
    for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
  })
  return {
    make: () => {
      const dir = mkdtempSync(join(tmpdir(), prefix))
      made.push(dir)
      return dir
    },
    cleanup: (fn) => {
      cleanups.push(fn)
    },
  }
}
