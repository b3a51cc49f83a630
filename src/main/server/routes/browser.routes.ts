import { existsSync } from 'node:fs'
import { join } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Authenticator } from '../auth'

/** The server's other origin (`localhost` for `127.0.0.1` and back): where episode previews run. */
export function previewOrigin(host: string): string {
  const [name, port] = host.split(':')
  return `http://${name === 'localhost' ? '127.0.0.1' : 'localhost'}${port ? `:${port}` : ''}`
}

/**
 * The same policy as the desktop window's, plus connect-src for the HTTP client; frames only from the episode preview's path of this server
 * (`host` was checked by the server).
 */
export function rendererCsp(host: string): string {
  return `default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-src ${previewOrigin(host)}/preview/; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'`
}

const LOGIN_CSP = "default-src 'none'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

/**
 * Browser mode: the built renderer at `/` (public: it holds no data; everything it shows comes
 * through the authenticated API), and `/login`, which turns a one-time code from `castdesk serve`
 * or a pasted API token into an HttpOnly session cookie.
 */
export async function registerBrowserRoutes(
  app: FastifyInstance,
  auth: Authenticator,
  rendererDir: string | null,
): Promise<void> {
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 4096 },
    (_r, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  )

  app.get('/login', async (request, reply) => {
    const { code } = request.query as { code?: string }
    if (code === undefined) return loginPage(reply, 200, '')
    const cookie = auth.login({ code })
    if (!cookie)
      return loginPage(reply, 401, 'That login link has expired or was used already. Paste a token instead.')
    return reply.header('Set-Cookie', cookie).redirect('/', 303)
  })

  app.post('/login', async (request, reply) => {
    const token = String((request.body as Record<string, unknown> | undefined)?.token ?? '').trim()
    const cookie = auth.login({ token })
    if (!cookie) return loginPage(reply, 401, 'That token is not valid (mistyped, or revoked).')
    return reply.header('Set-Cookie', cookie).redirect('/', 303)
  })

  app.post('/logout', async (request, reply) =>
    reply.header('Set-Cookie', auth.logout(request.headers)).redirect('/login', 303),
  )

  if (rendererDir && existsSync(join(rendererDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: rendererDir,
      prefix: '/',
      index: 'index.html',
      setHeaders: (response) => {
        response.header('Content-Security-Policy', rendererCsp(response.request.headers.host ?? ''))
      },
    })
  } else {
    app.get('/', async (_request, reply) =>
      reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send(
          'The browser app is not built. Run "npm run build" in the Castdesk folder, then start castdesk serve again.\n',
        ),
    )
  }
}

function loginPage(reply: FastifyReply, status: number, problem: string): FastifyReply {
  const escaped = problem.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)
  return reply
    .code(status)
    .header('Content-Security-Policy', LOGIN_CSP)
    .header('Cache-Control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Castdesk: log in</title></head>
<body>
<h1>Castdesk</h1>
${escaped ? `<p><strong>${escaped}</strong></p>` : ''}
<p>Open the link <code>castdesk serve</code> printed, or paste an API token (<code>castdesk users token NAME</code>):</p>
<form method="post" action="/login">
<input name="token" type="password" autocomplete="off" size="60" required autofocus>
<button type="submit">Log in</button>
</form>
</body></html>
`)
}
