import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Call } from '../../api/dispatch'
import type { Library } from '../../library/library'
import { createPreviewHandler } from '../../preview/preview-handler'
import type { Authenticator } from '../auth'

/**
 * `GET /preview/<token>/…`: an episode preview with the real player (`episodes.preview` gives the
 * path). No session: the app frames it from its other origin, where its cookie is not; the token
 * names the user. Framed by this server's own pages only, under the published page's CSP.
 */
export function registerPreviewRoutes(
  app: FastifyInstance,
  auth: Authenticator,
  library: Library,
  call: Call,
): void {
  const handle = createPreviewHandler(library, call)
  app.route({
    method: ['GET', 'HEAD'],
    url: '/preview/*',
    handler: async (request, reply) => {
      const response = await handle(toRequest(request), (request.params as { '*': string })['*'])
      // Framed by this server's pages, which are on the other of its two origins.
      reply.removeHeader('X-Frame-Options')
      const csp = response.headers.get('Content-Security-Policy')
      const ancestors = `frame-ancestors ${auth.origins().join(' ')}`
      response.headers.set('Content-Security-Policy', csp ? `${csp}; ${ancestors}` : ancestors)
      return reply.send(response)
    },
  })
}

function toRequest(request: FastifyRequest): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(request.headers)) {
    if (typeof value === 'string') headers.set(name, value)
  }
  return new Request(`http://${request.headers.host ?? '127.0.0.1'}${request.url}`, {
    method: request.method,
    headers,
  })
}
