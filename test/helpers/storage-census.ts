import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { relative } from 'node:path'
import { listFiles } from './library-snapshot'

/** SHA-256 of every file under each folder (markers included), by "folder-label/relative path". */
export function census(folders: Readonly<Record<string, string>>): Map<string, string> {
  const files = new Map<string, string>()
  for (const [label, dir] of Object.entries(folders)) {
    for (const path of listFiles(dir)) {
      files.set(
        `${label}/${relative(dir, path)}`,
        createHash('sha256').update(readFileSync(path)).digest('hex'),
      )
    }
  }
  return files
}

/** Files of `before` that are gone or hold other bytes in `after`. */
export function lost(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  return [...before].filter(([path, digest]) => after.get(path) !== digest).map(([path]) => path)
}
