import type { SnapshotCounts } from '../../../shared/api/library-backup.api'
import type { Db } from '../database'

const SCHEMA = 'snapshot'

/**
 * Reads a snapshot file through the library's own connection (ATTACH), so the desktop app's
 * SQLite build reads it too: its integrity, schema version, library id and what it holds.
 */
export class LibrarySnapshotRepository {
  constructor(private readonly db: Db) {}

  inspect(path: string): {
    integrity: string
    schemaVersion: number
    libraryId: string | null
    counts: SnapshotCounts
  } {
    this.db.prepare(`ATTACH DATABASE ? AS ${SCHEMA}`).run(path)
    try {
      return readSnapshot(this.db, `${SCHEMA}.`)
    } finally {
      this.db.prepare(`DETACH DATABASE ${SCHEMA}`).run()
    }
  }
}

/** The same facts of a database opened on its own (a restore); `schema` is "" or "name.". */
export function readSnapshot(
  db: Db,
  schema = '',
): { integrity: string; schemaVersion: number; libraryId: string | null; counts: SnapshotCounts } {
  const pragma = (name: string) => db.pragma(`${schema}${name}`, { simple: true }) as unknown
  const integrity = String(pragma('integrity_check'))
  const schemaVersion = Number(pragma('user_version'))
  const tables = new Set(
    db
      .prepare<[], { name: string }>(`SELECT name FROM ${schema}sqlite_master WHERE type = 'table'`)
      .all()
      .map((row) => row.name),
  )
  const count = (table: string): number =>
    tables.has(table)
      ? (db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${schema}${table}`).get()?.n ?? 0)
      : 0
  const counts: SnapshotCounts = {
    image: 0,
    audio: 0,
    video: 0,
    file: 0,
    episodes: count('episodes'),
    users: count('users'),
    files: count('blobs'),
  }
  if (tables.has('media')) {
    for (const row of db
      .prepare<[], { type: keyof SnapshotCounts; n: number }>(
        `SELECT type, count(*) AS n FROM ${schema}media GROUP BY type`,
      )
      .all())
      counts[row.type] = row.n
  }
  const libraryId = tables.has('library_identity')
    ? (db.prepare<[], { id: string }>(`SELECT id FROM ${schema}library_identity WHERE singleton = 1`).get()
        ?.id ?? null)
    : null
  return { integrity, schemaVersion, libraryId, counts }
}
