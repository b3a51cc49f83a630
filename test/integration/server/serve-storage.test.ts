import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, renameSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeImage } from '../../helpers/media-fixtures'
import { CLI, runCli, runCliJson } from '../../helpers/run-cli'
import { census, lost } from '../../helpers/storage-census'
import { tempDir } from '../../helpers/temp-dir'
import { upload } from './server-fixture'

/**
 * `castdesk serve` with its default storage's disk unplugged: the catalog stays browsable, every
 * write is refused with storage_missing (503) naming the fix, and no folder appears in its place.
 */
describe('castdesk serve without its default storage', () => {
  const root = tempDir('castdesk-serve-storage-')
  const library = join(root, 'library')
  const media = join(library, 'media')
  let child: ChildProcess
  let url: string
  let headers: Record<string, string>
  let before: Map<string, string>

  beforeAll(async () => {
    runCliJson(['--library', library, 'init'])
    runCliJson(['--library', library, 'users', 'add', 'alice'])
    const photo = await makeImage(join(root, 'photo.png'), 'png', { width: 32, height: 32 })
    expect(runCli(['--library', library, '--user', 'alice', 'import', photo]).code).toBe(0)
    before = census({ media })
    renameSync(media, `${media}-away`)
    child = spawn(
      process.execPath,
      [CLI, '--library', library, '--user', 'alice', '--json', 'serve', '--port', '0'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
    const [line] = (await once(lines, 'line')) as [string]
    url = (JSON.parse(line) as { url: string }).url
    const { json } = runCliJson<{ token: string }>(['--library', library, 'users', 'token', 'alice'])
    headers = { Authorization: `Bearer ${json.token}` }
  })

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
    if (existsSync(`${media}-away`)) renameSync(`${media}-away`, media)
  })

  it('keeps the catalog browsable', async () => {
    const images = await fetch(`${url}/api/images/`, { headers })
    expect(images.status).toBe(200)
    expect(((await images.json()) as { count: number }).count).toBe(1)
  })

  it('refuses an upload with storage_missing and the fix, creating no folder in its place', async () => {
    const photo = await makeImage(join(root, 'other.png'), 'png', { width: 40, height: 40, seed: 3 })
    const response = await upload(`${url}/api/images/`, headers, 'file', photo)
    expect(response.status).toBe(503)
    const body = (await response.json()) as { code: string; message: string }
    expect(body.code).toBe('storage_missing')
    expect(body.message).toMatch(/is the disk connected\?.*Connect the disk/)
    expect(existsSync(media)).toBe(false)
  })

  it('works again once the disk is back, every file as it was', async () => {
    renameSync(`${media}-away`, media)
    const photo = await makeImage(join(root, 'third.png'), 'png', { width: 48, height: 48, seed: 4 })
    const response = await upload(`${url}/api/images/`, headers, 'file', photo)
    expect(response.status).toBeLessThan(300)
    expect(lost(before, census({ media }))).toEqual([])
    child.kill('SIGTERM')
    await once(child, 'exit')
  })
})
