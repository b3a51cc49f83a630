import type { ProgressEvent } from '../../shared/api'
import type { CastdeskClient } from '../../shared/client'
import type { DesktopBridge } from '../../shared/desktop'

declare global {
  interface Window {
    /** The preload's bridge (desktop window only). */
    castdesk?: CastdeskClient & { desktop?: DesktopBridge }
  }
}

/**
 * The engine client: Electron's preload bridge when present; in a browser served by
 * `castdesk serve`, the same contract over HTTP (`POST /api/call/<operation>` with the input as
 * JSON). The browser never holds a token: `/login` (the link `castdesk serve` prints, or a pasted
 * token) sets an HttpOnly, SameSite=Strict session cookie that these same-origin requests carry.
 */
export function findClient(): CastdeskClient | null {
  if (window.castdesk) return window.castdesk
  if (window.location.protocol === 'http:' || window.location.protocol === 'https:') return httpClient
  return null
}

/** Errors keep the contract's shape: a message to show and a stable `code`. */
const httpClient: CastdeskClient = {
  async call(name, input) {
    const response = await fetch(`/api/call/${encodeURIComponent(name)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(input ?? {}),
    })
    const body = (await response.json().catch(() => null)) as { code?: string; message?: string } | null
    if (response.ok) return body as never
    if (response.status === 401) window.location.assign('/login')
    throw Object.assign(new Error(body?.message ?? `${name} failed (HTTP ${response.status}).`), {
      code: body?.code ?? 'internal',
    })
  },
  onProgress: (listener) => progressStream.subscribe(listener),
}

/**
 * `GET /api/events` (server-sent events, the session cookie), opened while anyone listens and
 * shared by all of them; EventSource reconnects on its own.
 */
const progressStream = (() => {
  const listeners = new Set<(event: ProgressEvent) => void>()
  let source: EventSource | null = null
  const onProgress = (message: MessageEvent<string>) => {
    const event = JSON.parse(message.data) as ProgressEvent
    for (const listener of listeners) listener(event)
  }
  return {
    subscribe(listener: (event: ProgressEvent) => void): () => void {
      listeners.add(listener)
      if (!source) {
        source = new EventSource('/api/events', { withCredentials: true })
        source.addEventListener('progress', onProgress)
      }
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && source) {
          source.close()
          source = null
        }
      }
    },
  }
})()
