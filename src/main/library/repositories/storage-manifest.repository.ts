import type { Db } from '../database'

/** What Castdesk last knew about one file of a storage (table storage_manifest). */
export interface ManifestEntry {
  key: string
  size: number
  sha256: string | null
  md5: string | null
  /** S3's ETag, without quotes. */
  etag: string | null
  /** Modification time in ms, for files on this machine. */
  mtimeMs: number | null
}

interface ManifestRow {
  key: string
  size: number
  sha256: string | null
  md5: string | null
  etag: string | null
  mtimeMs: number | null
}

/** The per-storage manifest a sync plans from, instead of asking the storage about every object. */
export class StorageManifestRepository {
  constructor(private readonly db: Db) {}

  all(storage: string): Map<string, ManifestEntry> {
    const rows = this.db
      .prepare<[string], ManifestRow>(
        `SELECT storage_key AS key, size, sha256, md5, etag, mtime_ms AS mtimeMs
         FROM storage_manifest WHERE storage = ?`,
      )
      .all(storage)
    return new Map(rows.map((row) => [row.key, row]))
  }

  /** Records entries in one transaction. */
  upsert(storage: string, entries: readonly ManifestEntry[], now: string): void {
    if (entries.length === 0) return
    const statement = this.db.prepare(
      `INSERT INTO storage_manifest (storage, storage_key, size, sha256, md5, etag, mtime_ms, checked)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (storage, storage_key) DO UPDATE SET size = excluded.size, sha256 = excluded.sha256,
         md5 = excluded.md5, etag = excluded.etag, mtime_ms = excluded.mtime_ms, checked = excluded.checked`,
    )
    this.db.transaction(() => {
      for (const e of entries) statement.run(storage, e.key, e.size, e.sha256, e.md5, e.etag, e.mtimeMs, now)
    })()
  }

  remove(storage: string, keys: readonly string[]): void {
    if (keys.length === 0) return
    const statement = this.db.prepare('DELETE FROM storage_manifest WHERE storage = ? AND storage_key = ?')
    this.db.transaction(() => {
      for (const key of keys) statement.run(storage, key)
    })()
  }

  /** Forgets everything known about a storage (its next sync lists it). */
  clear(storage: string): void {
    this.db.prepare('DELETE FROM storage_manifest WHERE storage = ?').run(storage)
  }
}
