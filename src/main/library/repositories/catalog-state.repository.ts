import type { Db } from '../database'

/** What the delete guards ask of the catalog: how much it holds and when it last changed. */
export class CatalogStateRepository {
  constructor(private readonly db: Db) {}

  /** Items of every user, trashed ones included. */
  itemCount(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM media').get()?.n ?? 0
  }

  /** Files the catalog references (the managed files of the default storage). */
  fileCount(): number {
    return this.db.prepare<[], { n: number }>('SELECT count(*) AS n FROM blobs').get()?.n ?? 0
  }

  /** When a row that references a file was last written (migration 0090's triggers keep it). */
  lastWrite(): Date | null {
    const row = this.db
      .prepare<[], { at: string }>('SELECT at FROM catalog_last_write WHERE singleton = 1')
      .get()
    return row ? new Date(row.at) : null
  }
}
