import type { Statement } from 'better-sqlite3'
import type { Db } from '../database'

/**
 * Deferred search rows (migration 0200): inside one write transaction, the insert triggers leave
 * media_fts alone between `defer` and `rebuild`; `rebuild` writes the rows of the items written
 * meanwhile and ends the deferral. Both run in the caller's transaction.
 */
export class SearchIndexRepository {
  private statements: { start: Statement; end: Statement; forget: Statement; write: Statement } | null = null

  constructor(private readonly db: Db) {}

  defer(): void {
    this.compiled().start.run()
  }

  /** Rebuilds the search rows of `mediaIds` (each once) and ends the deferral. */
  rebuild(mediaIds: Iterable<number>): void {
    const { forget, write, end } = this.compiled()
    for (const id of new Set(mediaIds)) {
      forget.run(id)
      write.run(id)
    }
    end.run()
  }

  /** Compiled on first use: a library opened read-only never writes here. */
  private compiled() {
    this.statements ??= {
      start: this.db.prepare('INSERT INTO media_fts_deferred (one) VALUES (1)'),
      end: this.db.prepare('DELETE FROM media_fts_deferred'),
      forget: this.db.prepare('DELETE FROM media_fts WHERE rowid = ?'),
      write: this.db.prepare(
        `INSERT INTO media_fts (rowid, title, subtitle, tags, alt_text, file_names)
         SELECT id, title, subtitle, tags, alt_text, file_names FROM media_search_source WHERE id = ?`,
      ),
    }
    return this.statements
  }
}
