import { randomBytes } from 'node:crypto'
import type { User } from '../../shared/media'

/** How long a preview address works after the app asked for it. */
const LIFETIME_MS = 60 * 60 * 1000
/** The newest grants kept; an older preview address then answers 404. */
const MAX_GRANTS = 200

export interface PreviewGrant {
  user: User
  episodeId: number
  expires: number
}

/**
 * The addresses of episode previews: an unguessable token per preview that names the user and the
 * episode. The preview runs in a sandboxed frame with an opaque origin, which sends no session
 * cookie, so the token in its path is what scopes its requests to the user who asked for it.
 */
export class PreviewGrants {
  private readonly grants = new Map<string, PreviewGrant>()

  grant(user: User, episodeId: number, now = Date.now()): string {
    const token = randomBytes(24).toString('base64url')
    this.grants.set(token, { user, episodeId, expires: now + LIFETIME_MS })
    for (const [old, grant] of this.grants) {
      if (this.grants.size <= MAX_GRANTS && grant.expires > now) break
      this.grants.delete(old)
    }
    return token
  }

  find(token: string, now = Date.now()): PreviewGrant | null {
    const grant = this.grants.get(token)
    return grant && grant.expires > now ? grant : null
  }
}

const byLibrary = new WeakMap<object, PreviewGrants>()

/** The preview grants of one open library (the engine's handlers and its preview routes share them). */
export function previewGrantsOf(library: object): PreviewGrants {
  let grants = byLibrary.get(library)
  if (!grants) {
    grants = new PreviewGrants()
    byLibrary.set(library, grants)
  }
  return grants
}
