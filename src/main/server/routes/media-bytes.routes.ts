import { z } from 'zod'
import { CastdeskError } from '../../../shared/errors'
import { keyFromMediaPath } from '../../media-access/media-key'
import { mediaResponse } from '../../media-access/media-response'
import { type Route, route } from '../route-table'
import type { ServerDeps } from '../server-deps'

/**
 * `GET /media/<key>`: the bytes of a stored file of the acting user (originals, renditions,
 * posters, transcripts), with Range support; another user's file is 404 like a missing one. The
 * response is the one the desktop app's `castdesk-media://` protocol gives.
 */
export function mediaBytesRoutes({ call }: ServerDeps): Route[] {
  return [
    route({
      method: 'GET',
      url: '/media/*',
      // Ignored, so that a page may add a cache-busting parameter.
      query: z.record(z.string(), z.unknown()),
      doc: {
        summary: 'The bytes of one of your stored files (`url` of a file in any item), with HTTP Range',
        tag: 'media',
        operations: ['media.file'],
        responses: {
          200: 'The whole file',
          206: 'The requested range',
          302: 'The file is in a remote storage: its URL',
          304: 'Unchanged since the ETag the client has',
          404: 'No such file of yours',
          416: 'The range starts past the end',
        },
      },
      handle: async ({ user, request, reply }) => {
        const key = keyFromMediaPath((request.params as { '*': string })['*'])
        if (!key) throw new CastdeskError('not_found', 'There is no such file.')
        const file = await call('media.file', { key }, user)
        const headers = new Headers()
        for (const [name, value] of Object.entries(request.headers)) {
          if (typeof value === 'string') headers.set(name, value)
        }
        return reply.send(await mediaResponse(file, { method: request.method, headers }))
      },
    }),
  ]
}
