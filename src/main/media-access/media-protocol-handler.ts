import type { CallContext } from '../../shared/api'
import { toErrorBody } from '../../shared/errors'
import type { Call } from '../api/dispatch'
import { statusOf } from '../server/http-errors'
import { keyFromMediaPath } from './media-key'
import { mediaResponse, problem } from './media-response'

export const MEDIA_SCHEME = 'castdesk-media'

/**
 * The desktop app's `castdesk-media://media/<key>` handler, as a plain `Request → Response`
 * function so that it runs (and is tested) under Node: the key must be a contained path, and the
 * file must belong to the acting user (`media.file`), else 404 as for a missing file.
 */
export function createMediaProtocolHandler(
  call: Call,
  context: () => CallContext,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return problem(405, 'invalid_input', 'Only GET and HEAD.')
    let url: URL
    try {
      url = new URL(request.url)
    } catch {
      return problem(404, 'not_found', 'There is no such file.')
    }
    const key =
      url.protocol === `${MEDIA_SCHEME}:` && url.host === 'media' ? keyFromMediaPath(url.pathname) : null
    if (!key) return problem(404, 'not_found', 'There is no such file.')
    try {
      const file = await call('media.file', { key }, context())
      return await mediaResponse(file, request)
    } catch (error) {
      const body = toErrorBody(error)
      return problem(statusOf(body.code), body.code, body.message)
    }
  }
}
