import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Where the lock lives, as the messages name it. */
export const LOCK_FILE = 'src/main/library/migrations/checksums.json'

/**
 * SHA-256 of a migration's text with line endings normalised to LF, so a Windows checkout
 * (core.autocrlf) hashes the same as the file that landed.
 */
export function migrationHash(contents: Buffer | string): string {
  const text = typeof contents === 'string' ? contents : contents.toString('utf8')
  return createHash('sha256').update(text.replace(/\r\n/g, '\n'), 'utf8').digest('hex')
}

export function readLock(path: string): Record<string, string> {
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>
}

/**
 * What is wrong between the migration files in `dir` and the lock (file name → hash); each
 * entry is a sentence saying what to do. Empty when every landed migration is untouched.
 */
export function migrationLockProblems(dir: string, lock: Readonly<Record<string, string>>): string[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.sql'))
    .sort()
  const problems: string[] = []
  for (const file of files) {
    const actual = migrationHash(readFileSync(join(dir, file)))
    const expected = lock[file]
    if (expected === undefined) {
      problems.push(
        `${file} is not in ${LOCK_FILE}. Lock every new migration when you add it: add "${file}": "${actual}" to ${LOCK_FILE}.`,
      )
    } else if (expected !== actual) {
      problems.push(
        `${file} has changed since it landed (${LOCK_FILE} has ${expected}, the file now hashes to ${actual}). Landed migrations are never edited: undo the edit and put the change in a new numbered migration.`,
      )
    }
  }
  for (const file of Object.keys(lock).sort()) {
    if (!files.includes(file)) {
      problems.push(
        `${file} is listed in ${LOCK_FILE} but the file is gone. Landed migrations are never removed: restore it.`,
      )
    }
  }
  return problems
}
