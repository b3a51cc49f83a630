import type { CastdeskClient } from '../../../shared/client'
import type { DesktopBridge } from '../../../shared/desktop'
import { findClient } from '../client'

/** The one engine client every screen uses (null only outside both Electron and `castdesk serve`). */
export const client: CastdeskClient | null = findClient()

/** What only the desktop window can do (drop by path, drag out, reveal in folder); null in a browser. */
export const desktop: DesktopBridge | null = window.castdesk?.desktop ?? null

export function requireClient(): CastdeskClient {
  if (!client) throw new Error('Castdesk’s engine is not connected: open this window from the Castdesk app.')
  return client
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
