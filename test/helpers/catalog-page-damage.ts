import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'

/**
 * Fills the pages of one table or index (`btree`, as sqlite_schema names it) with garbage: damage
 * that SQLite's header, schema and everyday reads do not see, only its page check (quick_check) or
 * a read of that b-tree. The library must have been closed cleanly (no -wal left).
 */
export function damagePagesOf(library: string, btree: string): number[] {
  const path = join(library, 'library.sqlite')
  const db = new Database(path, { readonly: true })
  let pages: number[]
  let pageSize: number
  try {
    pages = (db.prepare('SELECT pageno FROM dbstat WHERE name = ?').all(btree) as { pageno: number }[]).map(
      (row) => row.pageno,
    )
    pageSize = Number(db.pragma('page_size', { simple: true }))
  } finally {
    db.close()
  }
  if (pages.length === 0) throw new Error(`${btree} has no pages in ${path}`)
  const bytes = readFileSync(path)
  for (const page of pages) bytes.fill(0xa5, (page - 1) * pageSize, page * pageSize)
  writeFileSync(path, bytes)
  return pages
}
