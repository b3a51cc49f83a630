import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { GDK_FAIL, pngBomb } from '../../helpers/hostile-media'
import { snapshotLibrary } from '../../helpers/library-snapshot'
import { makeDir } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'

describe('hostile images', () => {
  const root = tempDir()
  let t: TestLibrary

  beforeAll(async () => {
    t = await openTestLibrary(join(root, 'lib'))
  })

  it('refuses a 30000×30000 PNG with a clear error and decodes nothing', async () => {
    const path = join(makeDir(root, 'bomb'), 'huge.png')
    writeFileSync(path, pngBomb())
    const [outcome] = await t.call('media.import', { paths: [path] }, t.as('alice'))
    expect(outcome).toMatchObject({ status: 'error', error: { code: 'file_too_large' } })
    expect(outcome?.error?.message).toMatch(/30000×30000 pixels/)
  })

  it('gives every corrupt image of gdk-pixbuf’s test suite its own error, with no crash and no change', async () => {
    expect(existsSync(GDK_FAIL), 'install Debian’s gdk-pixbuf-tests (.ci/run does)').toBe(true)
    const before = snapshotLibrary(t.library.dir)
    const outcomes = await t.call('media.import', { paths: [GDK_FAIL] }, t.as('alice'))
    expect(outcomes).toHaveLength(readdirSync(GDK_FAIL).length)
    for (const outcome of outcomes) {
      expect(outcome.status, outcome.path).toBe('error')
      expect(['corrupt_media', 'unsupported_media', 'empty_file', 'file_too_large']).toContain(
        outcome.error?.code,
      )
    }
    expect(snapshotLibrary(t.library.dir)).toBe(before)
  })
})
