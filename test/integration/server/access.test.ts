import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { MediaItem } from '../../../src/shared/media'
import { makeAudio, makeDir, makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { type ServerFixture, serveTestLibrary, type TestUser, upload } from './server-fixture'

type Item = MediaItem & { file?: { url: string; key: string } }

describe('REST API access: tokens, sessions, hosts, the contract route, OpenAPI', () => {
  const root = tempDir('castdesk-access-')
  const sources = makeDir(root, 'sources')
  let fx: ServerFixture
  let alice: TestUser
  let bob: TestUser
  const mine: Record<string, Item> = {}
  const api = (path: string) => `${fx.url}${path}`
  const get = (path: string, as: TestUser) => fetch(api(path), { headers: as.headers })

  beforeAll(async () => {
    fx = await serveTestLibrary(join(root, 'library'))
    alice = await fx.user('alice')
    bob = await fx.user('bob')
    await makeImage(join(sources, 'sunset.png'), 'png', { seed: 1 })
    makeAudio(join(sources, 'whales.mp3'), 'mp3')
    for (const [key, segment, field, file] of [
      ['image', 'images', 'file', 'sunset.png'],
      ['audio', 'audios', 'mp3', 'whales.mp3'],
    ] as const) {
      const response = await upload(api(`/api/${segment}/`), alice.headers, field, join(sources, file))
      expect(response.status).toBe(201)
      mine[key] = (await response.json()) as Item
    }
  })

  it('answers 401 without a token, with a bad one, and with a revoked one', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { Authorization: 'Bearer cdt_nope' },
      { Authorization: 'Basic YWxpY2U6eA==' },
    ]) {
      const response = await fetch(api('/api/images/'), { headers })
      expect(response.status).toBe(401)
      expect(await response.json()).toMatchObject({ code: 'unauthorized' })
    }
    const carol = await fx.user('carol')
    expect((await get('/api/images/', carol)).status).toBe(200)
    const [token] = await fx.call('tokens.list', { user: 'carol' }, { user: carol.user })
    await fx.call('tokens.revoke', { id: token?.id as number }, { user: carol.user })
    expect((await get('/api/images/', carol)).status).toBe(401)
    expect((await fetch(api(`/media/${mine.image?.file?.key}`))).status).toBe(401)
  })

  it('carries contract operations over /api/call, but not the library-wide or local-path ones', async () => {
    const callAs = (name: string, body: unknown) =>
      fetch(api(`/api/call/${name}`), {
        method: 'POST',
        headers: { ...alice.headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
    const list = await callAs('media.list', { type: 'audio' })
    expect(list.status).toBe(200)
    expect(((await list.json()) as Item[]).map((i) => i.id)).toEqual([mine.audio?.id])
    for (const name of [
      'users.list',
      'tokens.create',
      'media.import',
      'storage.sync',
      'jobs.run',
      'nope.nothing',
    ]) {
      expect((await callAs(name, {})).status, name).toBe(404)
    }
    const byPath = await callAs('audio.importChapters', { id: mine.audio?.id, path: '/etc/passwd' })
    expect(byPath.status).toBe(400)
    const invalid = await callAs('media.show', { id: 'one' })
    expect(invalid.status).toBe(400)
    expect(await invalid.json()).toMatchObject({ code: 'invalid_input' })
  })

  it('serves the OpenAPI document generated from the request schemas', async () => {
    const response = await fetch(api('/api/openapi.json'))
    expect(response.status).toBe(200)
    const doc = (await response.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> }
    expect(doc.openapi).toBe('3.1.0')
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/images/',
        '/api/images/{id}/',
        '/api/search/',
        '/api/call/media.show',
        '/media/{key}',
      ]),
    )
    const list = doc.paths['/api/audios/']?.get as { parameters: { name: string }[] }
    expect(list.parameters.map((p) => p.name)).toEqual(['page', 'pageSize', 'q', 'tag'])
    expect(JSON.stringify(doc.paths['/api/call/media.show'])).toContain('"exclusiveMinimum":0')
  })

  it('answers only to its own host name (no DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        `${fx.url}/api/images/`,
        { headers: { Host: 'attacker.example:80', Authorization: alice.headers.Authorization as string } },
        (response) => {
          response.resume()
          resolve(response.statusCode ?? 0)
        },
      )
      request.on('error', reject)
      request.end()
    })
    expect(status).toBe(403)
  })

  it('logs a browser in with a one-time link, into an HttpOnly cookie that same-origin writes need', async () => {
    const code = fx.server.auth.issueLoginCode(alice.user)
    const login = await fetch(api(`/login?code=${code}`), { redirect: 'manual' })
    expect(login.status).toBe(303)
    const cookie = login.headers.get('set-cookie') as string
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/)
    const session = { Cookie: cookie.split(';')[0] as string }
    expect((await fetch(api(`/login?code=${code}`), { redirect: 'manual' })).status).toBe(401)

    const images = await fetch(api('/api/images/'), { headers: session })
    expect(images.status).toBe(200)
    const call = (headers: Record<string, string>) =>
      fetch(api('/api/call/media.list'), {
        method: 'POST',
        headers: { ...session, 'Content-Type': 'application/json', ...headers },
        body: '{}',
      })
    expect((await call({})).status).toBe(403)
    expect((await call({ Origin: 'http://evil.example' })).status).toBe(403)
    expect((await call({ Origin: fx.url })).status).toBe(200)

    const form = await fetch(api('/login'), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: bob.token }).toString(),
    })
    expect(form.status).toBe(303)
    const bobSession = { Cookie: (form.headers.get('set-cookie') as string).split(';')[0] as string }
    const bobImages = (await (await fetch(api('/api/images/'), { headers: bobSession })).json()) as {
      results: Item[]
    }
    expect(bobImages.results).toEqual([]) // alice's image is not bob's
  })
})
