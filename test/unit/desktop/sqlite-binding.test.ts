import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { electronSqliteBinding } from '../../../src/main/desktop/sqlite-binding'
import { openDatabase, schemaVersion } from '../../../src/main/library/database'
import { MIGRATIONS } from '../../../src/main/library/migrations'
import { freshDirs } from '../../helpers/fresh-dirs'

const dirs = freshDirs('castdesk-sqlite-binding-')
// Node's own build of the addon, standing in for the Electron build the desktop app passes.
const NODE_ADDON = join(
  dirname(createRequire(__filename).resolve('better-sqlite3/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
)

describe('electronSqliteBinding', () => {
  const all = () => true
  it('finds the addon among the packaged app’s resources', () => {
    expect(
      electronSqliteBinding(
        { isPackaged: true, resourcesPath: '/Applications/Castdesk.app/Contents/Resources', appPath: 'x' },
        all,
      ),
    ).toBe('/Applications/Castdesk.app/Contents/Resources/native/better_sqlite3.node')
  })

  it('finds the addon built into the project when run unpackaged (electron-vite dev/preview)', () => {
    expect(
      electronSqliteBinding({ isPackaged: false, resourcesPath: 'x', appPath: '/src/castdesk' }, all),
    ).toBe('/src/castdesk/build/native/electron/better_sqlite3.node')
  })

  it('leaves better-sqlite3 to its own build when there is none', () => {
    expect(
      electronSqliteBinding({ isPackaged: false, resourcesPath: 'x', appPath: '/src/castdesk' }, () => false),
    ).toBe(undefined)
  })
})

describe('openDatabase with a nativeBinding', () => {
  it('loads SQLite through the given addon and migrates as usual', () => {
    const db = openDatabase(join(dirs.make(), 'library.sqlite'), MIGRATIONS, { nativeBinding: NODE_ADDON })
    dirs.cleanup(() => db.close())
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)?.version)
  })

  it('fails, naming the addon, when the binding is not there', () => {
    expect(() =>
      openDatabase(join(dirs.make(), 'library.sqlite'), MIGRATIONS, {
        nativeBinding: '/nowhere/better_sqlite3.node',
      }),
    ).toThrow(/nowhere\/better_sqlite3\.node/)
  })
})
