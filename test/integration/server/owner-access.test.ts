import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ProgressEvent } from '../../../src/shared/api'
import type { ConfigState } from '../../../src/shared/api/config.api'
import type { SyncReport } from '../../../src/shared/api/storage.api'
import { makeDir, makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { type ServerFixture, serveTestLibrary, type TestUser, upload } from './server-fixture'

/**
 * The owner session: the browser that opened the one-time link `castdesk serve` printed may call
 * the library-wide operations (storages, sync, maintenance, setup check, settings, users); API
 * tokens, and sessions started with one, may not.
 */
describe('REST API: owner sessions reach the library-wide operations, tokens do not', () => {
  const root = tempDir('castdesk-owner-')
  const sources = makeDir(root, 'sources')
  const libraryDir = join(root, 'library')
  let fx: ServerFixture
  let alice: TestUser
  let owner: Record<string, string>
  let tokenSession: Record<string, string>

  const post = (name: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${fx.url}/api/call/${name}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: fx.url, ...headers },
      body: JSON.stringify(body),
    })
  const cookieOf = (response: Response) => ({
    Cookie: (response.headers.get('set-cookie') as string).split(';')[0] as string,
  })

  beforeAll(async () => {
    fx = await serveTestLibrary(libraryDir, {
      storages: {
        default: { type: 'local', location: 'media' },
        production: { type: 'local', location: join(root, 'production') },
      },
    })
    alice = await fx.user('alice')
    await makeImage(join(sources, 'cover.png'), 'png', { seed: 3 })
    expect(
      (await upload(`${fx.url}/api/images/`, alice.headers, 'file', join(sources, 'cover.png'))).status,
    ).toBe(201)
    await fx.settle()
    const code = fx.server.auth.issueLoginCode(alice.user)
    owner = cookieOf(await fetch(`${fx.url}/login?code=${code}`, { redirect: 'manual' }))
    const form = await fetch(`${fx.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: alice.token }).toString(),
    })
    tokenSession = cookieOf(form)
  })

  it('lets the owner session plan and run a sync, with per-file sizes and progress on its event stream', async () => {
    const plan = await post('storage.sync', { dryRun: true }, owner)
    expect(plan.status).toBe(200)
    const planned = (await plan.json()) as SyncReport
    expect(planned.plan.add).toBeGreaterThan(0)
    expect(planned.files?.add.length).toBe(planned.plan.add)
    expect(planned.files?.add.every((f) => f.size > 0 && f.key.length > 0)).toBe(true)

    const events = await fetch(`${fx.url}/api/events`, { headers: owner })
    const reader = (events.body as ReadableStream<Uint8Array>).getReader()
    const progress: ProgressEvent[] = []
    const reading = (async () => {
      let text = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        text += new TextDecoder().decode(value)
        for (const match of text.matchAll(/event: progress\ndata: (.*)\n/g))
          progress.push(JSON.parse(match[1] as string))
        text = text.slice(text.lastIndexOf('\n\n') + 1)
        if (progress.some((p) => p.done === p.total && p.total > 0)) return
      }
    })()
    const synced = await post('storage.sync', {}, owner)
    expect(synced.status).toBe(200)
    const report = (await synced.json()) as SyncReport
    expect(report.copied).toBe(planned.plan.add)
    await reading
    await reader.cancel()
    const last = progress.at(-1)
    expect(last).toMatchObject({ operation: 'storage.sync', done: report.copied, total: report.copied })
    expect(last?.bytes).toMatchObject({ done: report.bytes, total: report.bytes })
  })

  it('lets the owner session check the setup, see sizes and stale files, and list and add users', async () => {
    const doctor = await post('system.doctor', {}, owner)
    expect(doctor.status).toBe(200)
    expect(((await doctor.json()) as { checks: unknown[] }).checks.length).toBeGreaterThan(0)
    const sizes = await post('maintenance.sizes', {}, owner)
    expect(sizes.status).toBe(200)
    expect(await sizes.json()).toMatchObject({ storages: expect.any(Array) })
    expect((await post('maintenance.stale', { storage: 'production' }, owner)).status).toBe(200)
    const snapshots = await post('library.backups', {}, owner)
    expect(snapshots.status).toBe(200)
    expect(await snapshots.json()).toMatchObject({ storages: expect.any(Array) })
    const quarantine = await post('quarantine.list', {}, owner)
    expect(quarantine.status).toBe(200)
    expect(await quarantine.json()).toMatchObject({ keepDays: 30, batches: [] })
    // Copying quarantined files out names a folder on the server's disk: never over HTTP.
    const out = { batch: '2026-01-01T00-00-00-000Z', path: '/tmp/x' }
    expect((await post('quarantine.restore', out, owner)).status).toBe(400)
    expect((await post('users.add', { name: 'bob' }, owner)).status).toBe(200)
    const users = (await (await post('users.list', {}, owner)).json()) as { name: string }[]
    expect(users.map((u) => u.name)).toEqual(expect.arrayContaining(['alice', 'bob']))
  })

  it('validates settings with the config schema and writes them to castdesk.config.json', async () => {
    const shown = (await (await post('config.show', {}, owner)).json()) as ConfigState
    expect(shown.config.avifEffort).toBe(3)
    const bad = await post('config.update', { config: { ...shown.config, avifEffort: 12 } }, owner)
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { message: string }).message).toContain(
      'Too big: expected number to be <=9',
    )
    const good = await post(
      'config.update',
      { config: { ...shown.config, avifEffort: 5 }, revision: shown.revision },
      owner,
    )
    expect(good.status).toBe(200)
    const saved = (await good.json()) as ConfigState
    expect(saved.restartNeeded).toEqual(['avifEffort'])
    expect(JSON.parse(readFileSync(join(libraryDir, 'castdesk.config.json'), 'utf8')).avifEffort).toBe(5)
    const stale = await post('config.update', { config: shown.config, revision: shown.revision }, owner)
    expect(stale.status).toBe(400)
    expect(((await stale.json()) as { message: string }).message).toContain('changed since you opened it')
  })

  it('answers 404 "no operation over HTTP" to bearer tokens and token-login sessions, as before', async () => {
    for (const headers of [alice.headers, tokenSession]) {
      for (const name of [
        'storage.sync',
        'storage.list',
        'system.doctor',
        'maintenance.sizes',
        'library.backup',
        'library.backups',
        'config.show',
        'config.update',
        'users.list',
        'quarantine.list',
        'quarantine.restore',
        'quarantine.purge',
      ]) {
        const response = await post(name, {}, headers)
        expect(response.status, name).toBe(404)
        expect(await response.json()).toMatchObject({
          code: 'not_found',
          message: `There is no operation "${name}" over HTTP.`,
        })
      }
      expect((await post('media.list', {}, headers)).status).toBe(200)
    }
  })

  it('still refuses the owner token admin and server-disk paths', async () => {
    expect((await post('tokens.create', { user: 'alice' }, owner)).status).toBe(404)
    expect((await post('media.import', { paths: ['/etc/passwd'] }, owner)).status).toBe(404)
    const cross = await fetch(`${fx.url}/api/call/system.doctor`, {
      method: 'POST',
      headers: { ...owner, 'Content-Type': 'application/json', Origin: 'http://evil.example' },
      body: '{}',
    })
    expect(cross.status).toBe(403)
  })
})
