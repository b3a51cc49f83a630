import { describe, expect, it } from 'vitest'
import { Authenticator, SESSION_IDLE_MS } from '../../../src/main/server/auth'
import type { User } from '../../../src/shared/media'

const ana: User = { id: 1, name: 'ana' } as User

function setup() {
  let now = 1_000_000
  const auth = new Authenticator(
    (token) => (token === 'cdt_good' ? ana : null),
    () => 4000,
    () => now,
  )
  const cookieOf = (setCookie: string | null) => ({
    cookie: (setCookie ?? '').split(';')[0],
    host: '127.0.0.1:4000',
  })
  return { auth, cookieOf, advance: (ms: number) => (now += ms) }
}

describe('browser sessions', () => {
  it('the console link starts an owner session; a token login does not', () => {
    const { auth, cookieOf } = setup()
    const owner = cookieOf(auth.login({ code: auth.issueLoginCode(ana) }))
    expect(auth.authenticate('GET', owner)).toEqual({ user: ana, owner: true })
    const token = cookieOf(auth.login({ token: 'cdt_good' }))
    expect(auth.authenticate('GET', token)).toEqual({ user: ana, owner: false })
  })

  it('ends a session left idle for twelve hours, and keeps one in use', () => {
    const { auth, cookieOf, advance } = setup()
    const used = cookieOf(auth.login({ code: auth.issueLoginCode(ana) }))
    const idle = cookieOf(auth.login({ code: auth.issueLoginCode(ana) }))
    for (let hour = 0; hour < 13; hour++) {
      advance(60 * 60 * 1000)
      expect(auth.authenticate('GET', used)).toMatchObject({ owner: true })
    }
    expect(auth.authenticate('GET', idle)).toMatchObject({ status: 401 })
    advance(SESSION_IDLE_MS + 1)
    expect(auth.authenticate('GET', used)).toMatchObject({ status: 401 })
  })

  it('a login code works once and only for ten minutes', () => {
    const { auth, advance } = setup()
    const code = auth.issueLoginCode(ana)
    expect(auth.login({ code })).not.toBeNull()
    expect(auth.login({ code })).toBeNull()
    const late = auth.issueLoginCode(ana)
    advance(10 * 60 * 1000 + 1)
    expect(auth.login({ code: late })).toBeNull()
  })
})
