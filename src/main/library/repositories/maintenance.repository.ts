import type { Db } from '../database'

/**
 * Cross-user reads for the maintenance commands (media_stale, media_sizes). These are the only
 * queries that see every user's files; their names say so.
 */
export class MaintenanceRepository {
  constructor(private readonly db: Db) {}

  /**
   * Every key a row of the library references (trashed items included), or a write under way has
   * reserved, and every file of the media episodes use (their originals, renditions, posters).
   */
  referencedKeysOfAllUsers(): Set<string> {
    const rows = this.db
      .prepare<[], { key: string }>(
        `SELECT storage_key AS key FROM blobs UNION SELECT storage_key AS key FROM pending_keys
         UNION SELECT b.storage_key AS key FROM episode_media em JOIN blobs b ON b.media_id = em.media_id`,
      )
      .all()
    return new Set(rows.map((row) => row.key))
  }

  /** The SHA-256 the catalog records for each of its files, by key. */
  recordedHashesOfAllUsers(): Map<string, string> {
    const rows = this.db
      .prepare<[], { key: string; sha256: string }>('SELECT storage_key AS key, sha256 FROM blobs')
      .all()
    return new Map(rows.map((row) => [row.key, row.sha256]))
  }

  /** Owner name and MIME type of every stored file, by key. */
  fileOwnersOfAllUsers(): Map<string, { owner: string; mime: string }> {
    const rows = this.db
      .prepare<[], { key: string; owner: string; mime: string }>(
        'SELECT b.storage_key AS key, u.name AS owner, b.mime FROM blobs b JOIN users u ON u.id = b.owner_id',
      )
      .all()
    return new Map(rows.map((row) => [row.key, { owner: row.owner, mime: row.mime }]))
  }
}
