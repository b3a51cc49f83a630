import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ACCESS_RULES, type AccessRule, API_NAMES, callThrough } from '../../../src/main/api/access-rules'
import { allInputs } from '../../../src/main/api/contract-inputs'
import { createDispatcher } from '../../../src/main/api/dispatch'
import { createHandlers } from '../../../src/main/api/handlers'
import { withSession } from '../../../src/main/cli/cli-context'
import type { ApiName } from '../../../src/shared/api'
import { tempDir } from '../../helpers/temp-dir'
import { type ServerFixture, serveTestLibrary, type TestUser } from './server-fixture'

/**
 * The access-rule table, tried from every door for every contract operation. Each call carries an
 * input no operation accepts ("probe"): a door that offers the operation passes it on to the
 * contract, which refuses the input (invalid_input, 400); a door that does not offer it answers
 * 404 before anything runs.
 */
const HTTP_DOORS = ['token', 'token session', 'owner session'] as const
type HttpDoor = (typeof HTTP_DOORS)[number]

const offeredOverHttp = (rule: AccessRule, door: HttpDoor) =>
  rule === 'user' || (rule === 'owner' && door === 'owner session')

describe('one access rule per operation, the same from every door', () => {
  const root = tempDir('castdesk-access-rules-')
  let fx: ServerFixture
  let alice: TestUser
  let headers: Record<HttpDoor, Record<string, string>>

  const post = (name: string, body: unknown, door: HttpDoor) =>
    fetch(`${fx.url}/api/call/${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: fx.url, ...headers[door] },
      body: JSON.stringify(body),
    })
  const cookieOf = (response: Response) => ({
    Cookie: (response.headers.get('set-cookie') as string).split(';')[0] as string,
  })

  beforeAll(async () => {
    fx = await serveTestLibrary(join(root, 'library'), {
      storages: { default: { type: 'local', location: 'media' } },
    })
    alice = await fx.user('alice')
    await fx.user('bob')
    const code = fx.server.auth.issueLoginCode(alice.user)
    const owner = cookieOf(await fetch(`${fx.url}/login?code=${code}`, { redirect: 'manual' }))
    const login = await fetch(`${fx.url}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: alice.token }).toString(),
    })
    headers = { token: alice.headers, 'token session': cookieOf(login), 'owner session': owner }
  })

  it('has exactly one rule for every contract operation', async () => {
    expect(Object.keys(ACCESS_RULES).sort()).toEqual(Object.keys(await allInputs()).sort())
    for (const name of API_NAMES) expect(['user', 'owner', 'local']).toContain(ACCESS_RULES[name])
  })

  for (const door of HTTP_DOORS) {
    it(`REST with ${door === 'token' ? 'an API token' : `a ${door}`}: offers each operation as its rule says`, async () => {
      const wrong: string[] = []
      for (const name of API_NAMES) {
        const response = await post(name, 'probe', door)
        const body = (await response.json()) as { code: string; message: string }
        const expected = offeredOverHttp(ACCESS_RULES[name], door) ? 400 : 404
        if (response.status !== expected) wrong.push(`${name}: ${response.status} ${body.message}`)
        if (expected === 404 && body.message !== `There is no operation "${name}" over HTTP.`)
          wrong.push(`${name}: ${body.message}`)
      }
      expect(wrong).toEqual([])
    })
  }

  it('the IPC handler layer (as the desktop bridge wraps it) and the CLI offer every operation', async () => {
    const ipc = callThrough(createDispatcher(createHandlers(fx.library)), { kind: 'ipc' })
    const reached = async (run: () => Promise<unknown>) =>
      run().then(
        () => 'ran',
        (error: { code?: string }) => error.code,
      )
    const wrong: string[] = []
    for (const name of API_NAMES) {
      const code = await reached(() => ipc(name, 'probe' as never, { user: alice.user }))
      if (code !== 'invalid_input') wrong.push(`IPC ${name}: ${code}`)
    }
    await withSession(
      { library: join(root, 'cli-library'), user: 'carol' },
      async ({ call, context }) => {
        for (const name of API_NAMES) {
          const code = await reached(() => call(name, 'probe' as never, context))
          if (code !== 'invalid_input') wrong.push(`CLI ${name}: ${code}`)
        }
      },
      { create: true },
    )
    expect(wrong).toEqual([])
  })

  it('never lets a network caller make an API token, for another user or for itself', async () => {
    const tokensOf = (user: string) =>
      fx.library.catalog.tokenRecords.list(fx.library.users.findByName(user)?.id)
    const before = [tokensOf('alice').length, tokensOf('bob').length]
    for (const door of HTTP_DOORS) {
      for (const user of ['bob', 'alice']) {
        const response = await post('tokens.create', { user, label: 'from the network' }, door)
        expect(response.status, `${door} for ${user}`).toBe(404)
        expect(await response.text()).not.toMatch(/"token"/)
      }
    }
    expect([tokensOf('alice').length, tokensOf('bob').length]).toEqual(before)
  })

  it('refuses an unknown operation at every door', async () => {
    const name = 'library.everything' as ApiName
    for (const door of HTTP_DOORS) expect((await post(name, {}, door)).status).toBe(404)
    const ipc = callThrough(createDispatcher(createHandlers(fx.library)), { kind: 'ipc' })
    await expect(ipc(name, {} as never, { user: alice.user })).rejects.toMatchObject({ code: 'not_found' })
  })
})
