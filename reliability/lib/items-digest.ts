import { createHash } from 'node:crypto'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { sha256File } from '../../test/helpers/library-snapshot'

const ITEM_COLUMNS = ['media_id', 'audio_id', 'image_id']

/**
 * A digest of the given items only: their rows in every table (by media_id, audio_id or
 * image_id; `media` by id) and the content of their stored files. Equal digests before and
 * after: nothing already in the library changed, even when new items were added meanwhile.
 */
export function itemsDigest(dir: string, ids: readonly number[]): string {
  const hash = createHash('sha256')
  const db = new Database(join(dir, 'library.sqlite'), { readonly: true, fileMustExist: true })
  try {
    const list = ids.join(',')
    const tables = db
      .prepare<[], { name: string }>(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%fts%' AND name != 'jobs' ORDER BY name`,
      )
      .all()
    for (const { name } of tables) {
      const columns = db
        .prepare<[], { name: string }>(`PRAGMA table_info("${name}")`)
        .all()
        .map((c) => c.name)
      const column = name === 'media' ? 'id' : ITEM_COLUMNS.find((c) => columns.includes(c))
      if (!column) continue
      const rows = db.prepare(`SELECT * FROM "${name}" WHERE "${column}" IN (${list}) ORDER BY 1`).all()
      hash.update(name).update(JSON.stringify(rows))
    }
    const blobs = db
      .prepare<[], { key: string }>(
        `SELECT storage_key AS key FROM blobs WHERE media_id IN (${list}) ORDER BY storage_key`,
      )
      .all()
    for (const { key } of blobs) hash.update(key).update(sha256File(join(dir, 'media', key)))
  } finally {
    db.close()
  }
  return hash.digest('hex')
}
