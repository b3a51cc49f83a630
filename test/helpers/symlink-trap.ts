import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, symlinkSync } from 'node:fs'
import { dirname, join, resolve, sep } from 'node:path'

/**
 * Plants a symlink for a containment test. Both the link and what it points at must lie inside
 * `tempDir` (a fresh mkdtemp folder): a trap never points at a system path, whatever the test does.
 */
export function plantTrap(tempDir: string, target: string, link: string): void {
  const base = resolve(tempDir) + sep
  // A relative target is read from the link's own folder, as the system will.
  for (const path of [resolve(dirname(link), target), link]) {
    if (!resolve(path).startsWith(base)) throw new Error(`A trap must stay inside ${tempDir}: ${path}`)
  }
  if (!/castdesk|tmp/i.test(base)) throw new Error(`${tempDir} is not a test's temp folder`)
  symlinkSync(target, link)
}

/** SHA-256 of every file under `dir` (links not followed), by relative path: a victim's census. */
export function census(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name)
      if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`)
      else if (entry.isFile())
        out[`${prefix}${entry.name}`] = createHash('sha256').update(readFileSync(path)).digest('hex')
      else out[`${prefix}${entry.name}`] = 'not a file'
    }
  }
  walk(dir, '')
  return out
}
