import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  openDesktopLibrary,
  type RecoveryChoice,
  type RecoveryScreen,
  type RecoveryUi,
  recoveryScreen,
} from '../../../src/main/desktop/catalog-recovery'
import type { RestoreOffer } from '../../../src/main/desktop/restore-offers'
import { CastdeskError } from '../../../src/shared/errors'
import {
  CATALOG_DAMAGE,
  copyLibrary,
  damageCatalog,
  databaseFingerprint,
  makeLibraryWithMedia,
  mediaCensus,
  REFUSED_WITH,
} from '../../helpers/catalog-damage'
import { runCli } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'

/**
 * A person at the first screen, answering from a script; what they were shown is kept. At "Restore
 * from a backup" they take the first snapshot offered, else restore by hand (`onRestore`) and try again.
 */
function scripted(answers: RecoveryChoice[], onRestore: () => void = () => {}) {
  const shown: RecoveryScreen[] = []
  const told: string[][] = []
  const restoreTexts: string[] = []
  const offered: RestoreOffer[][] = []
  const restored: { lines: string[]; failed: boolean }[] = []
  const ui: RecoveryUi = {
    choose: async (screen) => {
      shown.push(screen)
      return answers.shift() ?? 'quit'
    },
    chooseRestore: async (offers, text) => {
      offered.push(offers)
      restoreTexts.push(text)
      if (offers[0]) return offers[0]
      onRestore()
      return 'retry'
    },
    restoreDone: async (lines, failed) => {
      restored.push({ lines, failed })
    },
    newCatalogStarted: async (lines) => {
      told.push(lines)
    },
  }
  return { shown, told, restoreTexts, offered, restored, ui }
}

describe('what the first screen offers for each refusal', () => {
  it('a refused catalog: restore from a backup, start a new catalog, or quit', () => {
    for (const code of ['library_database_missing', 'library_damaged', 'library_mismatch'] as const) {
      const screen = recoveryScreen(new CastdeskError(code, 'the sentence'))
      expect(screen.choices.map((c) => c.label)).toEqual([
        'Restore from a backup',
        'Start a new catalog',
        'Quit',
      ])
      expect(screen.message).toBe('the sentence')
    }
  })

  it('a full disk, an unreachable folder or a read-only one: try again or quit, never a new catalog', () => {
    for (const code of ['disk_full', 'database_error', 'storage_denied'] as const) {
      const screen = recoveryScreen(new CastdeskError(code, 'x'))
      expect(screen.choices.map((c) => c.id)).toEqual(['retry', 'quit'])
    }
    expect(
      recoveryScreen(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_READ' })).code,
    ).toBe('database_error')
  })
})

describe('the desktop open path (Library.open with create, as the app calls it)', () => {
  const root = tempDir('castdesk-desktop-catalog-')
  let template: string
  let other: string
  let census: Record<string, string>

  beforeAll(async () => {
    template = await makeLibraryWithMedia(join(root, 'template'))
    other = await makeLibraryWithMedia(join(root, 'other'))
    census = mediaCensus(template)
  }, 60_000)

  for (const damage of CATALOG_DAMAGE) {
    it(`${damage}: the choice is shown, quitting changes nothing`, async () => {
      const library = copyLibrary(template, join(root, `quit-${damage}`))
      damageCatalog(library, damage, other)
      const before = databaseFingerprint(library)
      const files = readdirSync(library).sort()
      const person = scripted(['quit'])
      expect(await openDesktopLibrary(library, {}, person.ui)).toBeNull()
      expect(person.shown).toHaveLength(1)
      expect(person.shown[0]?.code).toBe(REFUSED_WITH[damage])
      expect(person.shown[0]?.choices.map((c) => c.id)).toEqual(['restore', 'new_catalog', 'quit'])
      expect(person.shown[0]?.message).toContain(library)
      expect(databaseFingerprint(library)).toEqual(before)
      expect(readdirSync(library).sort()).toEqual(files)
      expect(mediaCensus(library)).toEqual(census)
    })
  }

  it('"Start a new catalog" keeps the old file and the library id, and says how the media come back', async () => {
    const library = copyLibrary(template, join(root, 'new'))
    damageCatalog(library, 'zero')
    const id = JSON.parse(readFileSync(join(library, 'castdesk.config.json'), 'utf8')).libraryId
    const person = scripted(['new_catalog'])
    const opened = await openDesktopLibrary(library, {}, person.ui)
    expect(opened).not.toBeNull()
    opened?.close()
    expect(opened?.id).toBe(id)
    const kept = readdirSync(library).filter((name) => name.startsWith('library.sqlite.broken-'))
    expect(kept).toHaveLength(1)
    expect(person.told[0]?.join('\n')).toMatch(/holds 5 files the new catalog does not know/)
    expect(mediaCensus(library)).toEqual(census)
  })

  it('"Restore from a backup" without a backup storage shows the command, then opens the catalog restored by hand', async () => {
    const library = copyLibrary(template, join(root, 'restore'))
    const id = JSON.parse(readFileSync(join(library, 'castdesk.config.json'), 'utf8')).libraryId
    copyFileSync(join(library, 'library.sqlite'), join(root, 'restore-snapshot.sqlite'))
    damageCatalog(library, 'garbage')
    const person = scripted(['restore'], () =>
      copyFileSync(join(root, 'restore-snapshot.sqlite'), join(library, 'library.sqlite')),
    )
    const opened = await openDesktopLibrary(library, {}, person.ui)
    expect(opened).not.toBeNull()
    opened?.close()
    expect(person.offered).toEqual([[]])
    expect(person.restoreTexts[0]).toContain(`castdesk library restore --from BACKUP --library ${library}`)
    expect(opened?.id).toBe(id)
    expect(person.shown).toHaveLength(1)
    expect(mediaCensus(library)).toEqual(census)
  })

  it('"Restore from a backup" repairs the catalog from the newest snapshot of the backup storage', async () => {
    const library = copyLibrary(template, join(root, 'restore-offer'))
    const configPath = join(library, 'castdesk.config.json')
    const config = JSON.parse(readFileSync(configPath, 'utf8'))
    config.storages.backup = { type: 'local', location: join(root, 'restore-offer-backup') }
    writeFileSync(configPath, JSON.stringify(config))
    for (const args of [
      ['storages', 'init', 'backup'],
      ['sync', '--to', 'backup'],
      ['library', 'backup'],
    ])
      expect(runCli(['--library', library, ...args]).code).toBe(0)
    damageCatalog(library, 'zero')
    const person = scripted(['restore'])
    const opened = await openDesktopLibrary(library, {}, person.ui)
    expect(opened).not.toBeNull()
    opened?.close()
    expect(person.offered[0]).toEqual([expect.objectContaining({ storage: 'backup' })])
    expect(person.restored).toEqual([{ failed: false, lines: expect.any(Array) }])
    expect(person.restored[0]?.lines.join('\n')).toMatch(
      /Repaired the catalog.*\n5 items[\s\S]*5 already there/,
    )
    expect(opened?.id).toBe(config.libraryId)
    expect(readdirSync(library).filter((f) => f.startsWith('library.sqlite.before-restore-'))).toHaveLength(1)
    expect(mediaCensus(library)).toEqual(census)
  })

  it('a truly new folder becomes a library without a question', async () => {
    const person = scripted([])
    const opened = await openDesktopLibrary(join(root, 'first-start'), {}, person.ui)
    opened?.close()
    expect(person.shown).toHaveLength(0)
    expect(existsSync(join(root, 'first-start', 'library.sqlite'))).toBe(true)
  })
})
