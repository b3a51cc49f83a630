import type { MediaType } from '../../../shared/media'
import type { Db } from '../database'

export type BlobRole = 'original' | 'rendition' | 'poster' | 'transcript' | 'peaks'

export interface NewBlob {
  key: string
  size: number
  sha256: string
  mime: string
  ownerId: number
  mediaId: number
  role: BlobRole
  originalName: string | null
}

export interface BlobRecord {
  id: number
  key: string
  size: number
  sha256: string
}

/** Stored files and the journal of keys being written (see pending_keys in the schema). */
export class BlobsRepository {
  constructor(private readonly db: Db) {}

  insert(blob: NewBlob, now: string): number {
    const result = this.db
      .prepare(
        `INSERT INTO blobs (storage_key, size, sha256, mime, owner_id, media_id, role, original_name, created)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        blob.key,
        blob.size,
        blob.sha256,
        blob.mime,
        blob.ownerId,
        blob.mediaId,
        blob.role,
        blob.originalName,
        now,
      )
    return Number(result.lastInsertRowid)
  }

  /** The item that already holds these bytes as an original of this owner, if any. */
  findOriginal(ownerId: number, sha256: string): { mediaId: number; type: MediaType } | null {
    const row = this.db
      .prepare<[number, string], { mediaId: number; type: MediaType }>(
        `SELECT b.media_id AS mediaId, m.type AS type FROM blobs b JOIN media m ON m.id = b.media_id
         WHERE b.owner_id = ? AND b.sha256 = ? AND b.role = 'original'`,
      )
      .get(ownerId, sha256)
    return row ?? null
  }

  keyInUse(key: string): boolean {
    const row = this.db
      .prepare<[string, string], { n: number }>(
        `SELECT (SELECT count(*) FROM blobs WHERE storage_key = ?) + (SELECT count(*) FROM pending_keys WHERE storage_key = ?) AS n`,
      )
      .get(key, key)
    return (row?.n ?? 0) > 0
  }

  /** Claims a key for a write in progress; false when someone holds it already. */
  reserveKey(key: string, pid: number, now: string): boolean {
    if (this.keyInUse(key)) return false
    this.db
      .prepare('INSERT INTO pending_keys (storage_key, pid, created) VALUES (?, ?, ?)')
      .run(key, pid, now)
    return true
  }

  /**
   * Claims the key of a stored file about to be replaced in place (same key, new content): a
   * process that dies between the replacement and the row update leaves the claim, and the next
   * open makes the row describe the file again (see Library.recover). False when another process
   * holds it.
   */
  claimForRewrite(key: string, pid: number, now: string): boolean {
    const result = this.db
      .prepare('INSERT OR IGNORE INTO pending_keys (storage_key, pid, created) VALUES (?, ?, ?)')
      .run(key, pid, now)
    return result.changes === 1
  }

  findByKey(key: string): BlobRecord | null {
    return (
      this.db
        .prepare<[string], BlobRecord>(
          'SELECT id, storage_key AS key, size, sha256 FROM blobs WHERE storage_key = ?',
        )
        .get(key) ?? null
    )
  }

  /** The item a stored file belongs to, if any. */
  mediaIdOfKey(key: string): number | null {
    const row = this.db
      .prepare<[string], { mediaId: number }>(
        'SELECT media_id AS mediaId FROM blobs WHERE storage_key = ? LIMIT 1',
      )
      .get(key)
    return row?.mediaId ?? null
  }

  /** Records the content a file now has under its unchanged key. */
  updateContent(id: number, size: number, sha256: string): void {
    this.db.prepare('UPDATE blobs SET size = ?, sha256 = ? WHERE id = ?').run(size, sha256, id)
  }

  releaseKey(key: string): void {
    this.db.prepare('DELETE FROM pending_keys WHERE storage_key = ?').run(key)
  }

  /** Reserved keys with the process that reserved them and whether their blob row landed. */
  reservations(): { key: string; pid: number; landed: boolean }[] {
    return this.db
      .prepare<[], { key: string; pid: number; landed: number }>(
        `SELECT p.storage_key AS key, p.pid,
           EXISTS (SELECT 1 FROM blobs b WHERE b.storage_key = p.storage_key) AS landed
         FROM pending_keys p`,
      )
      .all()
      .map((row) => ({ key: row.key, pid: row.pid, landed: row.landed === 1 }))
  }

  forMedia(mediaId: number): BlobRecord[] {
    return this.db
      .prepare<[number], BlobRecord>(
        'SELECT id, storage_key AS key, size, sha256 FROM blobs WHERE media_id = ?',
      )
      .all(mediaId)
  }

  all(): BlobRecord[] {
    return this.db
      .prepare<[], BlobRecord>('SELECT id, storage_key AS key, size, sha256 FROM blobs ORDER BY id')
      .all()
  }
}
