import type { Db } from '../database'

export interface OwnedFile {
  key: string
  mediaId: number
  size: number
  sha256: string
  mime: string
  role: string
}

/** Who owns what, for doors that hand out bytes and route events to the right user. */
export class OwnershipRepository {
  constructor(private readonly db: Db) {}

  /** A stored file (original, rendition, poster, transcript…) of one of the owner's items not in the trash. */
  file(ownerId: number, key: string): OwnedFile | null {
    const row = this.db
      .prepare<[string, number], OwnedFile>(
        `SELECT b.storage_key AS key, b.media_id AS mediaId, b.size, b.sha256, b.mime, b.role
         FROM blobs b JOIN media m ON m.id = b.media_id
         WHERE b.storage_key = ? AND m.owner_id = ?
           AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.media_id = m.id)`,
      )
      .get(key, ownerId)
    return row ?? null
  }

  /** The user a job works for; null for library-wide jobs and unknown ids. */
  jobOwner(jobId: number): number | null {
    const row = this.db
      .prepare<[number], { ownerId: number | null }>('SELECT owner_id AS ownerId FROM jobs WHERE id = ?')
      .get(jobId)
    return row?.ownerId ?? null
  }
}
