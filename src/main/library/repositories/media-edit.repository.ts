import type { Db } from '../database'

/** What a person may change on an item; absent fields stay as they are. */
export interface MediaEdit {
  title?: string
  /** Audio only. */
  subtitle?: string
  /** Images only. */
  altText?: string
  /** The whole set of tags (replaces the current one). */
  tags?: readonly string[]
}

/** Edits of an item's own fields, scoped to its owner, in one transaction. */
export class MediaEditRepository {
  constructor(private readonly db: Db) {}

  /** False when the owner has no such item (or it is in the trash); nothing is written then. */
  update(ownerId: number, mediaId: number, edit: MediaEdit, now: string): boolean {
    // IMMEDIATE: it reads before it writes (see commitImport).
    return this.db
      .transaction(() => {
        const owned = this.db
          .prepare<[number, number], { id: number }>(
            `SELECT id FROM media m WHERE id = ? AND owner_id = ?
             AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.media_id = m.id)`,
          )
          .get(mediaId, ownerId)
        if (!owned) return false
        if (edit.title !== undefined)
          this.db.prepare('UPDATE media SET title = ? WHERE id = ?').run(edit.title, mediaId)
        if (edit.subtitle !== undefined)
          this.db.prepare('UPDATE audios SET subtitle = ? WHERE media_id = ?').run(edit.subtitle, mediaId)
        if (edit.altText !== undefined)
          this.db.prepare('UPDATE images SET alt_text = ? WHERE media_id = ?').run(edit.altText, mediaId)
        if (edit.tags !== undefined) this.replaceTags(ownerId, mediaId, edit.tags)
        this.db.prepare('UPDATE media SET modified = ? WHERE id = ?').run(now, mediaId)
        return true
      })
      .immediate()
  }

  private replaceTags(ownerId: number, mediaId: number, tags: readonly string[]): void {
    this.db.prepare('DELETE FROM media_tags WHERE media_id = ?').run(mediaId)
    const ensure = this.db.prepare('INSERT INTO tags (owner_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING')
    const find = this.db.prepare<[number, string], { id: number }>(
      'SELECT id FROM tags WHERE owner_id = ? AND name = ?',
    )
    const link = this.db.prepare('INSERT OR IGNORE INTO media_tags (media_id, tag_id) VALUES (?, ?)')
    for (const name of tags) {
      ensure.run(ownerId, name)
      const tag = find.get(ownerId, name)
      if (tag) link.run(mediaId, tag.id)
    }
  }
}
