import type { ApiHandlers } from '../../shared/api'
import { CastdeskError } from '../../shared/errors'
import type { User } from '../../shared/media'
import { isoNow } from '../library/clock'
import type { Library } from '../library/library'

type TokenOps = 'tokens.create' | 'tokens.list' | 'tokens.revoke'

/** Library-wide administration of API tokens (any user's): the CLI's, never the HTTP door's. */
export function tokenHandlers(library: Library): Pick<ApiHandlers, TokenOps> {
  const { tokens, tokenRecords } = library.catalog
  const named = (name: string): User => {
    const user = library.users.findByName(name)
    if (!user) {
      throw new CastdeskError(
        'not_found',
        `There is no user "${name}". Add the profile first: castdesk users add "${name}".`,
      )
    }
    return user
  }
  return {
    'tokens.create': async ({ user: name, label }) => {
      const user = named(name)
      const now = isoNow(library.clock)
      const { id, token, hint } = tokens.create(user.id, label, now)
      return { id, user: user.name, hint, label, created: now, revoked: null, token }
    },
    'tokens.list': async ({ user }) => tokenRecords.list(user === undefined ? undefined : named(user).id),
    'tokens.revoke': async (target) => {
      const now = isoNow(library.clock)
      if ('id' in target) {
        const revoked = tokenRecords.revoke({ id: target.id }, now)
        if (!revoked) throw new CastdeskError('not_found', `There is no live token #${target.id}.`)
        return { revoked }
      }
      return { revoked: tokenRecords.revoke({ userId: named(target.user).id }, now) }
    },
  }
}
