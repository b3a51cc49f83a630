import type { AddressInfo } from 'node:net'
import fastifyMultipart from '@fastify/multipart'
import Fastify, { type FastifyInstance, type FastifyReply, type onRequestHookHandler } from 'fastify'
import { allInputs } from '../api/contract-inputs'
import type { Call } from '../api/dispatch'
import type { Library } from '../library/library'
import { Authenticator } from './auth'
import { EventHub } from './event-hub'
import { httpError } from './http-errors'
import { httpCaller } from './http-operations'
import { openApiDocument } from './openapi'
import { type Route, registerRoutes, setActor } from './route-table'
import { audioRoutes } from './routes/audio.routes'
import { registerBrowserRoutes } from './routes/browser.routes'
import { eventRoutes } from './routes/events.routes'
import { feedRoutes } from './routes/feed.routes'
import { mediaRoutes } from './routes/media.routes'
import { mediaBytesRoutes } from './routes/media-bytes.routes'
import { registerPreviewRoutes } from './routes/preview.routes'
import { toolRoutes } from './routes/tools.routes'
import { uploadRoutes } from './routes/upload.routes'
import type { ServerDeps } from './server-deps'

/** The one address `castdesk serve` listens on: this machine only. */
export const SERVER_HOST = '127.0.0.1'

import { DEFAULT_PORT } from './default-port'

export { DEFAULT_PORT }

export interface ServerOptions {
  /** 0 picks a free port. */
  port?: number
  /** The built renderer (`out/renderer`), served at `/`; null for none. */
  rendererDir?: string | null
  version?: string
}

export interface CastdeskServer {
  app: FastifyInstance
  url: string
  port: number
  hub: EventHub
  auth: Authenticator
  close(): Promise<void>
}

/** JSON bodies (chapters, transcripts as text) up to this size; uploads stream and have their own limits. */
const BODY_LIMIT = 16 * 1024 * 1024

/**
 * The REST API and browser mode on 127.0.0.1: every route calls the contract (`call`) for the
 * user its token or session names. Pass the library's job updates to `hub.jobUpdated`.
 */
export async function startServer(
  library: Library,
  call: Call,
  options: ServerOptions = {},
): Promise<CastdeskServer> {
  const app = Fastify({ bodyLimit: BODY_LIMIT, routerOptions: { ignoreTrailingSlash: true }, logger: false })
  let port = options.port ?? DEFAULT_PORT
  const auth = new Authenticator(
    (token) => library.catalog.tokens.authenticate(token),
    () => port,
  )
  const hub = new EventHub((jobId) => library.catalog.ownership.jobOwner(jobId))
  const deps: ServerDeps = { call: httpCaller(call, hub), hub, auth, library }
  const routes = apiRoutes(deps)
  const document = openApiDocument(routes, options.version ?? 'dev', await allInputs())

  app.addHook('onRequest', async (request, reply) => {
    reply.headers({
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
    })
    const problem = auth.checkHost(request.headers)
    if (problem) return reply.code(403).send(problem)
  })
  app.setErrorHandler((error, _request, reply) => sendError(library, reply, error))
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      code: 'not_found',
      message: `There is no ${request.method} ${request.url.split('?')[0]} here.`,
    }),
  )
  await app.register(fastifyMultipart, { throwFileSizeLimit: false })

  const authenticate: onRequestHookHandler = (request, reply, done) => {
    const outcome = auth.authenticate(request.method, request.headers)
    if ('user' in outcome) {
      setActor(request, outcome)
      return done()
    }
    if (outcome.status === 401) reply.header('WWW-Authenticate', 'Bearer realm="castdesk"')
    reply.code(outcome.status).send(outcome.body)
  }
  registerRoutes(app, routes, authenticate)
  app.get('/api/openapi.json', async () => document)
  registerPreviewRoutes(app, auth, library, call)
  await registerBrowserRoutes(app, auth, options.rendererDir ?? null)

  await app.listen({ host: SERVER_HOST, port })
  port = (app.server.address() as AddressInfo).port
  return {
    app,
    url: `http://${SERVER_HOST}:${port}`,
    port,
    hub,
    auth,
    close: () => app.close(),
  }
}

function apiRoutes(deps: ServerDeps): Route[] {
  return [
    ...mediaRoutes(deps),
    ...uploadRoutes(deps),
    ...audioRoutes(deps),
    ...toolRoutes(deps),
    ...eventRoutes(deps),
    ...mediaBytesRoutes(deps),
    ...feedRoutes(deps),
  ]
}

function sendError(library: Library, reply: FastifyReply, error: unknown): FastifyReply {
  // Fastify's own 4xx (a body that is not JSON, too large, a bad content type) are the client's.
  const fastifyStatus = (error as { statusCode?: number }).statusCode
  if (
    typeof fastifyStatus === 'number' &&
    fastifyStatus >= 400 &&
    fastifyStatus < 500 &&
    !isCastdesk(error)
  ) {
    const code = fastifyStatus === 413 ? 'file_too_large' : 'invalid_input'
    return reply.code(fastifyStatus === 413 ? 413 : 400).send({ code, message: (error as Error).message })
  }
  const { status, body } = httpError(error)
  if (status >= 500) library.log.error('http.error', { ...body })
  return reply.code(status).send(body)
}

function isCastdesk(error: unknown): boolean {
  return (error as { name?: string }).name === 'CastdeskError'
}
