import type { ApiInput, ApiName, ApiOutput } from '../../shared/api'
import { CastdeskError } from '../../shared/errors'
import type { User } from '../../shared/media'
import { assertOffered, isOffered, offeredAt } from '../api/access-rules'
import type { Call } from '../api/dispatch'
import type { EventHub } from './event-hub'

/** Input keys that name files on the server's disk: never accepted from the network. */
const LOCAL_PATH_KEYS = ['path', 'paths'] as const

export interface HttpAccess {
  /** An owner session: the library-wide operations are open too. */
  owner: boolean
}

const USER_SCOPED: HttpAccess = { owner: false }

/** Who may call what over HTTP: the access-rule table (src/main/api/access-rules.ts). */
export function isHttpOperation(name: string, access: HttpAccess = USER_SCOPED): name is ApiName {
  return isOffered(name, { kind: 'http', owner: access.owner })
}

/** What any user may call (the OpenAPI document lists these). */
export const HTTP_OPERATIONS: readonly ApiName[] = offeredAt({ kind: 'http', owner: false })
/** What an owner session may call on top. */
export const OWNER_HTTP_OPERATIONS: readonly ApiName[] = offeredAt({ kind: 'http', owner: true }).filter(
  (name) => !HTTP_OPERATIONS.includes(name),
)

export type HttpCall = <N extends ApiName>(
  name: N,
  input: ApiInput<N>,
  user: User,
  access?: HttpAccess,
) => Promise<ApiOutput<N>>

/**
 * Calls the contract for a user over HTTP: refuses what the door does not offer to this caller (as
 * "not found", like an unknown route) and reports the operation's progress on the user's event streams.
 */
export function httpCaller(call: Call, hub: EventHub): HttpCall {
  return (name, input, user, access = USER_SCOPED) => {
    assertOffered(name, { kind: 'http', owner: access.owner })
    if (input && typeof input === 'object') {
      const key = LOCAL_PATH_KEYS.find((k) => k in input)
      if (key) {
        throw new CastdeskError(
          'invalid_input',
          `${name}: "${key}" names a file on the server's disk, which HTTP clients cannot use; send the content instead.`,
        )
      }
    }
    return call(name, input, {
      user,
      remote: true,
      onProgress: (progress) => hub.publish(user.id, { event: 'progress', data: progress }),
    })
  }
}
