import { protocol } from 'electron'
import type { CallContext } from '../../shared/api'
import type { Call } from '../api/dispatch'
import type { Library } from '../library/library'
import { createMediaProtocolHandler, MEDIA_SCHEME } from '../media-access/media-protocol-handler'
import { createPreviewHandler } from '../preview/preview-handler'

/** Must run before the app is ready: a standard, secure scheme whose media can stream and seek. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: MEDIA_SCHEME,
      privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
    },
  ])
}

/**
 * Serves `castdesk-media://media/<key>` from the library: the acting user's files only, never
 * `file://`; and `castdesk-media://preview/<path>`, an episode preview with the real player.
 */
export function handleMediaScheme(call: Call, context: () => CallContext, library: Library): void {
  const media = createMediaProtocolHandler(call, context)
  const preview = createPreviewHandler(library, call)
  protocol.handle(MEDIA_SCHEME, (request) => {
    const url = new URL(request.url)
    return url.host === 'preview' ? preview(request, url.pathname) : media(request)
  })
}
