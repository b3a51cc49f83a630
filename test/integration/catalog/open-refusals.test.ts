import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { Library } from '../../../src/main/library/library'
import {
  CATALOG_DAMAGE,
  copyLibrary,
  damageCatalog,
  databaseFingerprint,
  makeLibraryWithMedia,
  mediaCensus,
  REFUSED_WITH,
} from '../../helpers/catalog-damage'
import { tempDir } from '../../helpers/temp-dir'

// The desktop app's open path: Library.open with create (and the page check), as src/main/index.ts calls it.
describe('Library.open refuses a catalog it cannot trust, changing nothing', () => {
  const root = tempDir('castdesk-catalog-open-')
  let template: string
  let other: string
  let census: Record<string, string>

  beforeAll(async () => {
    template = await makeLibraryWithMedia(join(root, 'template'))
    other = await makeLibraryWithMedia(join(root, 'other'))
    census = mediaCensus(template)
    expect(Object.keys(census).length).toBeGreaterThanOrEqual(5)
  }, 60_000)

  for (const damage of CATALOG_DAMAGE) {
    it(`${damage}: ${REFUSED_WITH[damage]}, with the fix`, async () => {
      const library = copyLibrary(template, join(root, damage))
      damageCatalog(library, damage, other)
      const before = databaseFingerprint(library)
      const files = readdirSync(library).sort()
      for (const options of [{ create: true, checkIntegrity: true }, {}]) {
        const error = await Library.open(library, options).then(
          (opened) => {
            opened.close()
            return null
          },
          (thrown: unknown) => thrown as { code: string; message: string },
        )
        if (damage === 'pages' && !('checkIntegrity' in options) && error === null) continue
        expect(error?.code).toBe(REFUSED_WITH[damage])
        expect(error?.message).toContain(library)
        expect(error?.message).toContain('castdesk library restore')
        expect(error?.message).toContain('castdesk init --new-catalog')
      }
      expect(databaseFingerprint(library)).toEqual(before)
      expect(readdirSync(library).sort()).toEqual(files)
      expect(mediaCensus(library)).toEqual(census)
    })
  }

  it('says what it found: the media count and the size', async () => {
    const library = copyLibrary(template, join(root, 'said'))
    damageCatalog(library, 'zero')
    await expect(Library.open(library)).rejects.toThrow(/media\/ holds 5 files/)
    await expect(Library.open(library)).rejects.toThrow(/the database is 0 bytes/)
  })

  it('opens a library whose newest writes are only in the -wal file (a crash before a checkpoint)', async () => {
    const live = join(root, 'live')
    const opened = await Library.open(live, { create: true })
    const crashed = join(root, 'crashed')
    try {
      // The files as a crash leaves them: the schema and the id are still only in library.sqlite-wal.
      mkdirSync(crashed)
      for (const name of readdirSync(live).filter(
        (n) => n.startsWith('library.sqlite') || n.endsWith('.json'),
      ))
        copyFileSync(join(live, name), join(crashed, name))
    } finally {
      opened.close()
    }
    expect(statSync(join(crashed, 'library.sqlite-wal')).size).toBeGreaterThan(0)
    // The main file's header still says user_version 0: only the -wal file holds the schema.
    expect(readFileSync(join(crashed, 'library.sqlite')).readInt32BE(60)).toBe(0)
    const again = await Library.open(crashed, { checkIntegrity: true })
    again.close()
    expect(again.id).toBe(opened.id)
  })

  it('still creates a truly new library, and opens a healthy one unchanged', async () => {
    const fresh = join(root, 'fresh')
    const made = await Library.open(fresh, { create: true, checkIntegrity: true })
    made.close()
    expect(existsSync(join(fresh, 'library.sqlite'))).toBe(true)
    await expect(Library.open(join(root, 'nothing-here'))).rejects.toMatchObject({ code: 'not_found' })
    const healthy = copyLibrary(template, join(root, 'healthy'))
    const opened = await Library.open(healthy, { create: true, checkIntegrity: true })
    opened.close()
    expect(mediaCensus(healthy)).toEqual(census)
  })
})
