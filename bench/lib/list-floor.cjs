// The floor of `castdesk list --json`: a bare Node script that opens the same library.sqlite
// read-only with better-sqlite3, selects the same rows (the user's file items outside the trash,
// newest first, with their tags and stored file) and prints them as castdesk does
// (JSON.stringify with two-space indent). No containment check, no contract, no engine.
// The cheapest query found for this one-user library: media read backwards by rowid (NOT INDEXED),
// which needs no sort; through the owner index and a sort of the wide rows it took twice as long.
// Usage: node bench/lib/list-floor.cjs LIBRARY_DIR USER LIMIT
const { readFileSync } = require('node:fs')
const { resolve } = require('node:path')
const Database = require('better-sqlite3')

const [library, user, limit] = process.argv.slice(2)
const config = JSON.parse(readFileSync(resolve(library, 'castdesk.config.json'), 'utf8'))
const root = resolve(library, config.storages.default.location)
const db = new Database(resolve(library, 'library.sqlite'), { readonly: true })
const owner = db.prepare('SELECT id, name FROM users WHERE name = ?').get(user)
const tags = new Map()
for (const { id, name } of db
  .prepare(
    `SELECT mt.media_id AS id, t.name FROM media_tags mt JOIN tags t ON t.id = mt.tag_id
     WHERE t.owner_id = ? ORDER BY mt.media_id, t.name`,
  )
  .all(owner.id)) {
  const list = tags.get(id)
  if (list) list.push(name)
  else tags.set(id, [name])
}
const rows = db
  .prepare(
    `SELECT m.id, m.title, m.created, m.modified, f.mime, b.size, b.storage_key AS key, b.sha256,
       b.mime AS blobMime, b.original_name AS originalName
     FROM media m NOT INDEXED JOIN files f ON f.media_id = m.id JOIN blobs b ON b.id = f.blob_id
     WHERE m.owner_id = ? AND NOT EXISTS (SELECT 1 FROM trash t WHERE t.media_id = m.id)
     ORDER BY m.id DESC LIMIT ?`,
  )
  .all(owner.id, Number(limit))
const items = rows.map((row) => ({
  id: row.id,
  type: 'file',
  title: row.title,
  owner: owner.name,
  created: row.created,
  modified: row.modified,
  tags: tags.get(row.id) ?? [],
  mime: row.mime,
  size: row.size,
  file: {
    key: row.key,
    size: row.size,
    sha256: row.sha256,
    mime: row.blobMime,
    original_name: row.originalName,
    path: `${root}/${row.key}`,
  },
}))
db.close()
process.stdout.write(`${JSON.stringify(items, null, 2)}\n`)
