import { protocol } from 'electron'
import type { CallContext } from '../../shared/api'
import type { Call } from '../api/dispatch'
import { createMediaProtocolHandler, MEDIA_SCHEME } from '../media-access/media-protocol-handler'

/** Must run before the app is ready: a standard, secure scheme whose media can stream and seek. */
export function registerMediaScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: MEDIA_SCHEME,
      privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
    },
  ])
}

/** Serves `castdesk-media://media/<key>` from the library: the acting user's files only, never `file://`. */
export function handleMediaScheme(call: Call, context: () => CallContext): void {
  protocol.handle(MEDIA_SCHEME, createMediaProtocolHandler(call, context))
}
