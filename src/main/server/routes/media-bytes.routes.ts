import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { z } from 'zod'
import { CastdeskError } from '../../../shared/errors'
import { parseRange } from '../range'
import { type Route, route } from '../route-table'
import type { ServerDeps } from '../server-deps'

/** Types a browser may render inline from this origin; anything else is a download. */
const INLINE = /^(image\/(jpeg|png|gif|webp|avif|tiff)|audio\/[\w.+-]+|video\/[\w.+-]+|text\/vtt)$/

/**
 * `GET /media/<key>`: the bytes of a stored file of the acting user (originals, renditions,
 * posters, transcripts), with Range support; another user's file is 404 like a missing one.
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
          404: 'No such file of yours',
          416: 'The range starts past the end',
        },
      },
      handle: async ({ user, request, reply }) => {
        const wildcard = (request.params as { '*': string })['*']
        let key: string
        try {
          key = wildcard.split('/').map(decodeURIComponent).join('/')
        } catch {
          throw new CastdeskError('not_found', 'There is no such file.')
        }
        const file = await call('media.file', { key }, user)
        if (!file.path) {
          if (/^https?:/.test(file.url)) return reply.redirect(file.url, 302)
          throw new CastdeskError('not_found', `The file "${key}" is not available from this server.`)
        }
        const info = await stat(file.path).catch(() => null)
        if (!info?.isFile())
          throw new CastdeskError('not_found', `The file "${key}" is missing from the storage.`)
        const inline = INLINE.test(file.mime)
        const etag = `"${file.sha256}"`
        reply.headers({
          'Content-Type': inline ? file.mime : 'application/octet-stream',
          'Accept-Ranges': 'bytes',
          ETag: etag,
          'Cache-Control': 'private, no-cache',
          'Content-Security-Policy': "default-src 'none'; sandbox",
          ...(inline
            ? {}
            : {
                'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(key.split('/').at(-1) ?? 'file')}`,
              }),
        })
        if (request.headers['if-none-match'] === etag) return reply.code(304).send()
        const ifRange = request.headers['if-range']
        const range = ifRange && ifRange !== etag ? null : parseRange(request.headers.range, info.size)
        if (range === 'unsatisfiable') {
          reply.header('Content-Range', `bytes */${info.size}`).type('application/json; charset=utf-8')
          return reply.code(416).send({ code: 'invalid_input', message: `The file has ${info.size} bytes.` })
        }
        if (!range) {
          reply.header('Content-Length', info.size)
          return reply.code(200).send(request.method === 'HEAD' ? null : createReadStream(file.path))
        }
        reply.header('Content-Range', `bytes ${range.start}-${range.end}/${info.size}`)
        reply.header('Content-Length', range.end - range.start + 1)
        const body = request.method === 'HEAD' ? null : createReadStream(file.path, range)
        return reply.code(206).send(body)
      },
    }),
  ]
}
