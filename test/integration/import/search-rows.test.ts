import { copyFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { actingUser } from '../../../src/main/api/users.handlers'
import type { SearchHit } from '../../../src/shared/api/search.api'
import type { ImportOutcome } from '../../../src/shared/media'
import { makeAudio, makeDir, makeImage, makeVideo } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'

const SEARCH_ROW = 'title, subtitle, tags, alt_text, file_names'

describe('search rows of imported items (written once per batch)', () => {
  const root = tempDir()
  let fixture: TestLibrary
  let outcomes: ImportOutcome[]

  beforeAll(async () => {
    const folder = makeDir(root, 'lighthouse-week')
    await makeImage(join(folder, 'harbour-sunrise.jpg'), 'jpeg', { width: 120, height: 80 })
    await makeImage(join(folder, 'keeper portrait.png'), 'png', { width: 40, height: 40, seed: 2 })
    copyFileSync(join(folder, 'keeper portrait.png'), join(folder, 'keeper-copy.png'))
    makeAudio(join(folder, 'Episode Foghorn.mp3'), 'mp3', { seconds: 2, chapters: true })
    makeAudio(join(folder, 'Episode Foghorn.m4a'), 'm4a', { seconds: 2 })
    makeVideo(join(folder, 'storm-trailer.mp4'), { width: 160, height: 90, seconds: 1 })
    writeFileSync(join(folder, 'tide-table.csv'), 'time,height\n06:00,2.1\n')
    writeFileSync(join(folder, 'broken.mp3'), 'not audio at all')
    fixture = await openTestLibrary(join(root, 'library'))
    const user = actingUser(fixture.library, 'alice')
    // A library that already holds an item: its row must stay as it was.
    await fixture.library.importer.importPaths(user.id, [join(folder, 'tide-table.csv')])
    outcomes = await fixture.library.importer.importPaths(user.id, [folder])
  })

  it('imports the folder with its per-file outcomes', () => {
    const statuses = outcomes.map((o) => `${o.path.split('/').at(-1)}:${o.status}`).sort()
    expect(statuses).toEqual([
      'Episode Foghorn.m4a:imported',
      'Episode Foghorn.mp3:imported',
      'broken.mp3:error',
      'harbour-sunrise.jpg:imported',
      'keeper portrait.png:imported',
      'keeper-copy.png:duplicate',
      'storm-trailer.mp4:imported',
      'tide-table.csv:duplicate',
    ])
  })

  it('holds exactly the rows the per-row triggers would have written, and no deferral left over', () => {
    const { db } = fixture.library
    const indexed = db.prepare(`SELECT rowid AS id, ${SEARCH_ROW} FROM media_fts ORDER BY rowid`).all()
    const source = db.prepare(`SELECT id, ${SEARCH_ROW} FROM media_search_source ORDER BY id`).all()
    expect(indexed).toHaveLength(5)
    expect(indexed).toEqual(source)
    expect(db.prepare('SELECT count(*) AS n FROM media_fts_deferred').get()).toEqual({ n: 0 })
    const joined = source.find((row) => (row as { title: string }).title === 'Episode Foghorn')
    expect((joined as { file_names: string }).file_names).toMatch(
      /^Episode Foghorn\.(m4a|mp3) Episode Foghorn\.(m4a|mp3)$/,
    )
  })

  it('finds the items by title and file name words, and their chapters', async () => {
    const search = async (q: string) =>
      ((await fixture.call('search.query', { q }, fixture.as('alice'))) as SearchHit[]).map(
        (hit) => `${hit.title}/${hit.match}`,
      )
    expect(await search('harbour')).toEqual(['harbour-sunrise/item'])
    expect(await search('m4a')).toEqual(['Episode Foghorn/item'])
    expect(await search('storm')).toEqual(['storm-trailer/item'])
    expect(await search('portrait')).toEqual(['keeper portrait/item'])
    expect(await search('topic')).toEqual(['Episode Foghorn/chapter'])
  })

  it('updates a row written in a batch when the item changes later', async () => {
    const { db } = fixture.library
    const image = outcomes.find((o) => o.path.endsWith('harbour-sunrise.jpg'))
    db.prepare('UPDATE images SET alt_text = ? WHERE media_id = ?').run('a red lighthouse at dawn', image?.id)
    const row = db.prepare('SELECT alt_text FROM media_fts WHERE rowid = ?').get(image?.id)
    expect(row).toEqual({ alt_text: 'a red lighthouse at dawn' })
  })
})
