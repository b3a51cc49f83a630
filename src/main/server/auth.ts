import { randomBytes } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { User } from '../../shared/media'
import type { HttpErrorBody } from './http-errors'

/** What turns a presented API token into its user (TokenService.authenticate). */
export type TokenCheck = (token: string) => User | null

const LOGIN_CODE_TTL_MS = 10 * 60 * 1000
/** A browser session left alone this long ends: a forgotten tab does not keep the library open. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000

/**
 * Who is asking, and whether they are the library's owner: the person who started `castdesk serve`
 * and opened the one-time link it printed on its console (proof of local access to the library).
 * Only owner sessions may call the library-wide operations (storages, sync, maintenance, setup
 * check, settings, users); API tokens, and sessions started with one, stay scoped to their user.
 */
export interface Actor {
  user: User
  owner: boolean
}

interface Session extends Actor {
  /** The API token the browser logged in with: the session ends when it is revoked. */
  token: string | null
  lastSeen: number
}

/**
 * Who is asking. HTTP clients send `Authorization: Bearer <token>`; the browser app has an HttpOnly,
 * SameSite=Strict session cookie from `/login` (a one-time code `castdesk serve` prints, or a token
 * pasted into the form). Every request must name this server as its Host (no DNS rebinding), and a
 * cookie-authenticated write must come from this server's own pages (its Origin).
 */
export class Authenticator {
  private readonly sessions = new Map<string, Session>()
  private readonly codes = new Map<string, { user: User; expires: number }>()

  constructor(
    private readonly checkToken: TokenCheck,
    private readonly port: () => number,
    private readonly now: () => number = Date.now,
  ) {}

  get cookieName(): string {
    return `castdesk_session_${this.port()}`
  }

  /** The origins this server answers to. */
  origins(): string[] {
    const port = this.port()
    return [`http://127.0.0.1:${port}`, `http://localhost:${port}`]
  }

  /** Null when the Host header names this server; else why not. */
  checkHost(headers: IncomingHttpHeaders): HttpErrorBody | null {
    const host = headers.host ?? ''
    if (this.origins().some((origin) => origin === `http://${host}`)) return null
    return {
      code: 'forbidden',
      message: `This Castdesk server answers only to ${this.origins().join(' and ')}, not to "${host}".`,
    }
  }

  /** The acting user of a request, or the 401/403 to answer. */
  authenticate(
    method: string,
    headers: IncomingHttpHeaders,
  ): Actor | { status: 401 | 403; body: HttpErrorBody } {
    const authorization = headers.authorization
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
      const user = match?.[1] ? this.checkToken(match[1]) : null
      if (user) return { user, owner: false }
      return unauthorized(
        'The token is not valid (mistyped, or revoked). Make a new one with: castdesk users token NAME',
      )
    }
    const session = this.session(headers)
    if (!session) {
      return unauthorized(
        'Send "Authorization: Bearer <token>" (make one with: castdesk users token NAME), or log in at /login.',
      )
    }
    if (!['GET', 'HEAD', 'OPTIONS'].includes(method) && !this.sameOrigin(headers)) {
      return {
        status: 403,
        body: {
          code: 'forbidden',
          message: 'A write with the session cookie must come from this server’s own page.',
        },
      }
    }
    return { user: session.user, owner: session.owner }
  }

  /**
   * A one-time code for `/login?code=…`, valid for ten minutes. Only `castdesk serve` issues one,
   * printed on its console: the session it starts is the owner's.
   */
  issueLoginCode(user: User): string {
    const code = randomBytes(24).toString('base64url')
    this.codes.set(code, { user, expires: this.now() + LOGIN_CODE_TTL_MS })
    return code
  }

  /** Starts a session for a one-time code or an API token; the cookie to set, or null. */
  login(credential: { code: string } | { token: string }): string | null {
    let session: Session | null = null
    if ('code' in credential) {
      const entry = this.codes.get(credential.code)
      this.codes.delete(credential.code)
      if (entry && entry.expires > this.now())
        session = { user: entry.user, owner: true, token: null, lastSeen: this.now() }
    } else {
      const user = this.checkToken(credential.token)
      if (user) session = { user, owner: false, token: credential.token, lastSeen: this.now() }
    }
    if (!session) return null
    const id = randomBytes(32).toString('base64url')
    this.sessions.set(id, session)
    return `${this.cookieName}=${id}; HttpOnly; SameSite=Strict; Path=/`
  }

  /** Ends the request's session; the cookie that clears it. */
  logout(headers: IncomingHttpHeaders): string {
    const id = parseCookies(headers.cookie)[this.cookieName]
    if (id) this.sessions.delete(id)
    return `${this.cookieName}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`
  }

  private session(headers: IncomingHttpHeaders): Session | null {
    const id = parseCookies(headers.cookie)[this.cookieName]
    const session = id ? this.sessions.get(id) : undefined
    if (!session || !id) return null
    const idle = this.now() - session.lastSeen > SESSION_IDLE_MS
    if (idle || (session.token !== null && !this.checkToken(session.token))) {
      this.sessions.delete(id)
      return null
    }
    session.lastSeen = this.now()
    return session
  }

  private sameOrigin(headers: IncomingHttpHeaders): boolean {
    const origin = headers.origin
    if (origin) return this.origins().includes(origin)
    return headers['sec-fetch-site'] === 'same-origin'
  }
}

function unauthorized(message: string): { status: 401; body: HttpErrorBody } {
  return { status: 401, body: { code: 'unauthorized', message } }
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=')
    if (eq > 0) cookies[part.slice(0, eq).trim()] = part.slice(eq + 1).trim()
  }
  return cookies
}
