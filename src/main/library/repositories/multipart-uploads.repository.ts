import type { MultipartCheckpoint, MultipartCheckpoints, MultipartPart } from '../../storage/s3-multipart'
import type { Db } from '../database'

interface UploadRow {
  uploadId: string
  sha256: string
  size: number
  partSize: number
}

/** Multipart uploads under way and their finished parts (tables multipart_uploads, multipart_parts). */
export class MultipartUploadsRepository implements MultipartCheckpoints {
  constructor(
    private readonly db: Db,
    private readonly now: () => string,
  ) {}

  load(storage: string, key: string): MultipartCheckpoint | null {
    const upload = this.db
      .prepare<[string, string], UploadRow>(
        `SELECT upload_id AS uploadId, sha256, size, part_size AS partSize
         FROM multipart_uploads WHERE storage = ? AND storage_key = ?`,
      )
      .get(storage, key)
    if (!upload) return null
    const parts = this.db
      .prepare<[string, string], MultipartPart>(
        `SELECT part_number AS number, etag, size FROM multipart_parts
         WHERE storage = ? AND storage_key = ? ORDER BY part_number`,
      )
      .all(storage, key)
    return { ...upload, parts: new Map(parts.map((part) => [part.number, part])) }
  }

  begin(storage: string, key: string, upload: Omit<MultipartCheckpoint, 'parts'>): void {
    this.db.transaction(() => {
      this.finish(storage, key)
      this.db
        .prepare(
          `INSERT INTO multipart_uploads (storage, storage_key, upload_id, sha256, size, part_size, created)
           VALUES (?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(storage, key, upload.uploadId, upload.sha256, upload.size, upload.partSize, this.now())
    })()
  }

  part(storage: string, key: string, part: MultipartPart): void {
    this.db
      .prepare(
        `INSERT OR REPLACE INTO multipart_parts (storage, storage_key, part_number, etag, size)
         VALUES (?, ?, ?, ?, ?)`,
      )
      .run(storage, key, part.number, part.etag, part.size)
  }

  finish(storage: string, key: string): void {
    this.db.prepare('DELETE FROM multipart_uploads WHERE storage = ? AND storage_key = ?').run(storage, key)
  }

  /** Uploads under way, for a storage or all: what a sync will resume. */
  pending(storage?: string): { storage: string; key: string; parts: number; size: number }[] {
    return this.db
      .prepare<[string | null, string | null], { storage: string; key: string; parts: number; size: number }>(
        `SELECT u.storage, u.storage_key AS key, u.size,
           (SELECT count(*) FROM multipart_parts p WHERE p.storage = u.storage AND p.storage_key = u.storage_key) AS parts
         FROM multipart_uploads u WHERE (? IS NULL OR u.storage = ?) ORDER BY u.storage, u.storage_key`,
      )
      .all(storage ?? null, storage ?? null)
  }
}
