import type { CastdeskClient } from '../../shared/client'

declare global {
  interface Window {
    castdesk?: CastdeskClient
  }
}

/** The engine client: Electron's preload bridge when present. */
export function findClient(): CastdeskClient | null {
  return window.castdesk ?? null
}
