import type { Db } from '../database'

/** The upgrade to storage markers (migration 0100), and the keys a census looks for. */
export class StorageMarkersRepository {
  constructor(private readonly db: Db) {}

  /**
   * On the first open after the upgrade: the storages to give a marker if they hold referenced
   * files (none for a new library). Later opens: nothing changes.
   */
  startUpgrade(names: readonly string[], newLibrary: boolean): void {
    this.db.transaction(() => {
      const legacy = this.db.prepare('DELETE FROM storage_marker_legacy WHERE singleton = 1').run().changes
      if (legacy === 0 || newLibrary) return
      const insert = this.db.prepare('INSERT OR IGNORE INTO storage_marker_pending (storage) VALUES (?)')
      for (const name of names) insert.run(name)
    })()
  }

  pending(): Set<string> {
    const rows = this.db.prepare<[], { storage: string }>('SELECT storage FROM storage_marker_pending').all()
    return new Set(rows.map((row) => row.storage))
  }

  settle(name: string): void {
    this.db.prepare('DELETE FROM storage_marker_pending WHERE storage = ?').run(name)
  }

  /** Every stored file an item references (trashed items included), sorted. */
  referencedFiles(): string[] {
    return this.db
      .prepare<[], { key: string }>('SELECT DISTINCT storage_key AS key FROM blobs ORDER BY storage_key')
      .all()
      .map((row) => row.key)
  }
}
