import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CLI, runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'

describe('castdesk serve', () => {
  const root = tempDir('castdesk-serve-')
  const library = join(root, 'library')
  let child: ChildProcess
  let started: { url: string; login: string; user: string }

  beforeAll(async () => {
    runCliJson(['--library', library, 'init'])
    runCliJson(['--library', library, 'users', 'add', 'alice'])
    child = spawn(
      process.execPath,
      [CLI, '--library', library, '--user', 'alice', '--json', 'serve', '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
    const [line] = (await once(lines, 'line')) as [string]
    started = JSON.parse(line)
  })

  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
  })

  it('listens on 127.0.0.1 only, needs a token, and serves the browser app and its login', async () => {
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    expect(started.user).toBe('alice')
    expect((await fetch(`${started.url}/api/images/`)).status).toBe(401)
    const { json } = runCliJson<{ token: string }>(['--library', library, 'users', 'token', 'alice'])
    const images = await fetch(`${started.url}/api/images/`, {
      headers: { Authorization: `Bearer ${json.token}` },
    })
    expect(await images.json()).toEqual({ count: 0, next: null, previous: null, results: [] })

    const page = await fetch(`${started.url}/`)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await page.text()).toContain('<div id="root">')
    const login = await fetch(started.login, { redirect: 'manual' })
    expect(login.status).toBe(303)
    expect(login.headers.get('set-cookie')).toMatch(/^castdesk_session_\d+=/)
  })

  it('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM')
    const [code] = await once(child, 'exit')
    expect(code).toBe(0)
  })
})
