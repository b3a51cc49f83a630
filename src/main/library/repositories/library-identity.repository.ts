import type { Db } from '../database'

export interface LibraryIdentity {
  id: string
  created: string
}

/** The one row that names this library (migration 0080). */
export class LibraryIdentityRepository {
  constructor(private readonly db: Db) {}

  get(): LibraryIdentity | null {
    return (
      this.db
        .prepare<[], LibraryIdentity>('SELECT id, created FROM library_identity WHERE singleton = 1')
        .get() ?? null
    )
  }

  /** The id, also in a database older than the table (null there) — read before migrating. */
  storedId(): string | null {
    const table = this.db
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'library_identity'")
      .get()
    return table ? (this.get()?.id ?? null) : null
  }

  /** Records the id once; a row already there wins (another process may have been first). */
  claim(identity: LibraryIdentity): LibraryIdentity {
    this.db
      .prepare('INSERT OR IGNORE INTO library_identity (singleton, id, created) VALUES (1, ?, ?)')
      .run(identity.id, identity.created)
    return this.get() ?? identity
  }
}
