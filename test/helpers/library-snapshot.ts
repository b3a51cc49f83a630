import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import Database from 'better-sqlite3'

/** A digest of every row of every table and every stored file: equal digests, unchanged library. */
export function snapshotLibrary(dir: string): string {
  const hash = createHash('sha256')
  const db = new Database(join(dir, 'library.sqlite'), { readonly: true })
  try {
    const tables = db
      .prepare<[], { name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all()
    for (const { name } of tables) {
      if (name === 'jobs') continue
      hash.update(name)
      const rows = db
        .prepare(`SELECT * FROM "${name}"`)
        .all()
        .map((row) => JSON.stringify(row))
      hash.update(JSON.stringify(rows.sort()))
    }
  } finally {
    db.close()
  }
  for (const file of listFiles(join(dir, 'media'))) {
    hash.update(relative(dir, file))
    hash.update(readFileSync(file))
  }
  return hash.digest('hex')
}

export function listFiles(dir: string): string[] {
  let names: string[]
  try {
    names = readdirSync(dir)
  } catch {
    return []
  }
  return names.flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? listFiles(path) : [path]
  })
}

export function sha256File(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}
