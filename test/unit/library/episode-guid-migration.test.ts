import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type Db, openDatabase } from '../../../src/main/library/database'
import { MIGRATIONS } from '../../../src/main/library/migrations'
import { freshDirs } from '../../helpers/fresh-dirs'

const dirs = freshDirs('castdesk-guid-migration-')

function open(path: string, upTo?: number): Db {
  const db = openDatabase(path, upTo ? MIGRATIONS.filter((m) => m.version <= upTo) : MIGRATIONS)
  dirs.cleanup(() => db.open && db.close())
  return db
}

const NOW = '2026-03-01T00:00:00.000Z'

describe('migration 0150: episode GUIDs unique per podcast', () => {
  it('keeps every episode and the rows that point at it, and lets two podcasts share a GUID', () => {
    const path = join(dirs.make(), 'library.sqlite')
    const old = open(path, 140)
    old.exec(`INSERT INTO users (id, name, created) VALUES (1, 'ana', '${NOW}'), (2, 'ben', '${NOW}');
      INSERT INTO podcasts (id, owner_id, title, created, modified) VALUES (1, 1, 'A', '${NOW}', '${NOW}'), (2, 2, 'B', '${NOW}', '${NOW}');
      INSERT INTO episodes (id, podcast_id, owner_id, guid, slug, title, created, modified)
        VALUES (7, 1, 1, 'g-1', 'one', 'One', '${NOW}', '${NOW}');
      INSERT INTO feed_import_items (episode_id, podcast_id, item_guid, imported) VALUES (7, 1, 'g-1', '${NOW}');`)
    expect(() =>
      old.exec(
        `INSERT INTO episodes (podcast_id, owner_id, guid, slug, title, created, modified) VALUES (2, 2, 'g-1', 'one', 'One', '${NOW}', '${NOW}')`,
      ),
    ).toThrow(/UNIQUE constraint failed: episodes\.guid/)
    old.close()

    const db = open(path)
    expect(db.prepare('SELECT id, guid, title FROM episodes').all()).toEqual([
      { id: 7, guid: 'g-1', title: 'One' },
    ])
    expect(db.prepare('SELECT episode_id FROM feed_import_items').pluck().all()).toEqual([7])
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    db.exec(
      `INSERT INTO episodes (podcast_id, owner_id, guid, slug, title, created, modified) VALUES (2, 2, 'g-1', 'one', 'One', '${NOW}', '${NOW}')`,
    )
    expect(() =>
      db.exec(
        `INSERT INTO episodes (podcast_id, owner_id, guid, slug, title, created, modified) VALUES (1, 1, 'g-1', 'two', 'Two', '${NOW}', '${NOW}')`,
      ),
    ).toThrow(/UNIQUE constraint failed: episodes\.podcast_id, episodes\.guid/)
    // Foreign keys still point at the rebuilt table: deleting the episode cascades.
    db.exec('DELETE FROM episodes WHERE id = 7')
    expect(db.prepare('SELECT count(*) FROM feed_import_items').pluck().get()).toBe(0)
  })
})
