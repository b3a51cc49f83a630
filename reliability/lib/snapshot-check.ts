import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gunzipSync } from 'node:zlib'
import Database from 'better-sqlite3'
import type { SnapshotManifest } from '../../src/shared/api/library-backup.api'
import { sha256 } from './library-check'

const AREA = 'castdesk-library'

/** The snapshots in a folder storage: each with its manifest (null: never verified). */
export function snapshotsIn(storageRoot: string): { name: string; manifest: SnapshotManifest | null }[] {
  const dir = join(storageRoot, AREA)
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sqlite.gz'))
    .map((file) => file.slice(0, -'.sqlite.gz'.length))
    .sort()
    .map((name) => {
      const path = join(dir, `${name}.json`)
      return {
        name,
        manifest: existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as SnapshotManifest) : null,
      }
    })
}

/** A snapshot's database, decompressed into a temp file; `use` reads it, then it is removed. */
export function withSnapshotDb<T>(storageRoot: string, name: string, use: (db: Database.Database) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'castdesk-snapshot-'))
  const path = join(dir, 'library.sqlite')
  writeFileSync(path, gunzipSync(readFileSync(join(storageRoot, AREA, `${name}.sqlite.gz`))))
  const db = new Database(path, { readonly: true })
  try {
    return use(db)
  } finally {
    db.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Every snapshot whose manifest says verified must be whole: its bytes, its database, its integrity. */
export function checkVerifiedSnapshots(storageRoot: string): string[] {
  const problems: string[] = []
  for (const { name, manifest } of snapshotsIn(storageRoot)) {
    if (!manifest) continue
    const data = readFileSync(join(storageRoot, AREA, `${name}.sqlite.gz`))
    if (data.length !== manifest.size || sha256(data) !== manifest.sha256) {
      problems.push(`snapshot ${name} is listed as verified but its bytes differ from its manifest`)
      continue
    }
    try {
      const integrity = withSnapshotDb(storageRoot, name, (db) =>
        db.pragma('integrity_check', { simple: true }),
      )
      if (integrity !== 'ok') problems.push(`snapshot ${name}: integrity_check ${String(integrity)}`)
    } catch (error) {
      problems.push(`snapshot ${name} does not open: ${(error as Error).message}`)
    }
  }
  return problems
}
