import { API_NAMES, type ApiInput, type ApiName, type ApiOutput } from '../../shared/api'
import { CastdeskError } from '../../shared/errors'
import type { User } from '../../shared/media'
import type { Call } from '../api/dispatch'
import type { EventHub } from './event-hub'

/**
 * The operations a user may call over HTTP: those scoped to the acting user. Library-wide ones
 * (users, tokens, storages, sync, maintenance, system, config) and those that read a path on the
 * server's disk stay with the CLI and the desktop app, except for the owner (below).
 */
const HTTP_DOMAINS = new Set([
  'media',
  'images',
  'galleries',
  'jobs',
  'search',
  'audio',
  'video',
  'trash',
  'podcast',
  'episodes',
  'publish',
])
const LOCAL_ONLY = new Set<string>(['media.import', 'jobs.run', 'audio.addFile'])
/**
 * What an owner session (the one-time link `castdesk serve` printed on its console: the person at
 * this machine, who could run the CLI) may call besides: the library-wide operations the Storage,
 * Check setup and Settings screens need. Never API tokens (tokens.*: a secret handed to the
 * network), never local paths; bearer tokens and token-login sessions never get these.
 */
const OWNER_OPERATIONS = new Set<string>([
  'storage.list',
  'storage.status',
  'storage.init',
  'storage.sync',
  'maintenance.backup',
  'maintenance.restore',
  'maintenance.stale',
  'maintenance.sizes',
  'system.doctor',
  'system.logs',
  'config.show',
  'config.update',
  'users.list',
  'users.add',
  // Publishing writes into a library-wide storage (a website's folder or bucket).
  'publish.run',
])
/** Input keys that name files on the server's disk: never accepted from the network. */
const LOCAL_PATH_KEYS = ['path', 'paths'] as const

export interface HttpAccess {
  /** An owner session: the library-wide operations are open too. */
  owner: boolean
}

const USER_SCOPED: HttpAccess = { owner: false }

export function isHttpOperation(name: string, access: HttpAccess = USER_SCOPED): name is ApiName {
  if (!(API_NAMES as string[]).includes(name)) return false
  if (OWNER_OPERATIONS.has(name)) return access.owner
  return HTTP_DOMAINS.has(name.slice(0, name.indexOf('.'))) && !LOCAL_ONLY.has(name)
}

/** What any user may call (the OpenAPI document lists these). */
export const HTTP_OPERATIONS: readonly ApiName[] = API_NAMES.filter((name) => isHttpOperation(name))
/** What an owner session may call on top. */
export const OWNER_HTTP_OPERATIONS: readonly ApiName[] = API_NAMES.filter((name) =>
  OWNER_OPERATIONS.has(name),
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
    if (!isHttpOperation(name, access)) {
      throw new CastdeskError('not_found', `There is no operation "${name}" over HTTP.`)
    }
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
      onProgress: (progress) => hub.publish(user.id, { event: 'progress', data: progress }),
    })
  }
}
