import { copyFileSync, utimesSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  copyLibrary,
  databaseFingerprint,
  makeLibraryWithMedia,
  mediaCensus,
} from '../../helpers/catalog-damage'
import { damagePagesOf } from '../../helpers/catalog-page-damage'

import { runCli, runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'

interface Refusal {
  error: { code: string; message: string }
}

const REMOVING = [
  ['media_stale', '--delete'],
  ['sync', '--from', 'default', '--to', 'default', '--delete'],
  ['trash', 'empty'],
  ['quarantine', 'purge', '--all'],
]

describe('commands that remove files run SQLite’s page check first', () => {
  const root = tempDir('castdesk-removing-')
  let template: string
  let census: Record<string, string>

  beforeAll(async () => {
    template = await makeLibraryWithMedia(join(root, 'template'))
    census = mediaCensus(template)
  }, 60_000)

  it('damaged pages: every removing command refuses with library_damaged and removes nothing', () => {
    const library = copyLibrary(template, join(root, 'pages'))
    expect(library.startsWith(root)).toBe(true)
    // A media file no item references: what media_stale --delete would move away.
    const stale = addStrayFile(library, census)
    const before = mediaCensus(library)
    expect(before[stale]).toBeDefined()
    // An index no removing command reads: only the page check finds it.
    damagePagesOf(library, 'api_tokens_user')
    const database = databaseFingerprint(library)
    expect(runCli(['--library', library, 'media_stale']).code).toBe(0)
    for (const command of REMOVING) {
      const { code, json, stderr } = runCliJson<Refusal>(['--library', library, ...command])
      expect(code, command.join(' ')).toBe(1)
      expect(json.error.code, command.join(' ')).toBe('library_damaged')
      expect(json.error.message).toContain('castdesk library restore')
      expect(stderr).not.toMatch(/^\s+at /m)
    }
    expect(mediaCensus(library)).toEqual(before)
    expect(databaseFingerprint(library)).toEqual(database)
  })

  it('a healthy library: media_stale --delete still moves the stray file into the quarantine', () => {
    const library = copyLibrary(template, join(root, 'healthy'))
    const stale = addStrayFile(library, census)
    const result = runCli(['--library', library, 'media_stale', '--delete'])
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    expect(mediaCensus(library)[stale]).toBeUndefined()
  })
})

/** A copy of an imported picture beside it, that no item references: stale. Returns its path. */
function addStrayFile(library: string, census: Record<string, string>): string {
  const picture = Object.keys(census).find((path) => path.endsWith('.png'))
  if (!picture) throw new Error('the library has no picture')
  const stray = join(dirname(picture), 'stray.png')
  copyFileSync(join(library, picture), join(library, stray))
  // Older than the catalog, or media_stale keeps it as a file a newer catalog may reference.
  const past = new Date('2020-01-01T00:00:00Z')
  utimesSync(join(library, stray), past, past)
  return stray
}
