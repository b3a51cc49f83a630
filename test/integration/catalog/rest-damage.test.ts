import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { serveTestLibrary } from '../server/server-fixture'

describe('a catalog damaged under a running server', () => {
  it('answers with library_damaged and the fix, never internal', async () => {
    const root = tempDir('castdesk-rest-damage-')
    const fixture = await serveTestLibrary(join(root, 'library'))
    const alice = await fixture.user('alice')
    for (let seed = 1; seed <= 40; seed++)
      await makeImage(join(root, `p${seed}.png`), 'png', { width: 32, height: 32, seed })
    await fixture.call(
      'media.import',
      { paths: Array.from({ length: 40 }, (_, i) => join(root, `p${i + 1}.png`)) },
      { user: alice.user },
    )
    expect((await fetch(`${fixture.url}/api/images/`, { headers: alice.headers })).status).toBe(200)
    fixture.library.db.pragma('wal_checkpoint(TRUNCATE)')
    // A large catalog does not fit SQLite's page cache; this small one is made not to.
    fixture.library.db.pragma('cache_size = 1')
    fixture.library.db.pragma('shrink_memory')

    // Every page after the first two overwritten behind the server's back, as a failing disk would.
    const path = join(root, 'library', 'library.sqlite')
    const bytes = readFileSync(path)
    const pageSize = bytes.readUInt16BE(16)
    bytes.fill(0x5a, 2 * pageSize)
    writeFileSync(path, bytes)

    const response = await fetch(`${fixture.url}/api/images/`, { headers: alice.headers })
    const body = (await response.json()) as { code: string; message: string }
    expect(response.status).toBe(500)
    expect(body.code).toBe('library_damaged')
    expect(body.message).toContain('castdesk library restore')
  })
})
