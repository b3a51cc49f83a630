import { API_NAMES, type ApiInput, type ApiName, type ApiOutput } from '../../shared/api'
import { CastdeskError } from '../../shared/errors'
import type { User } from '../../shared/media'
import type { Call } from '../api/dispatch'
import type { EventHub } from './event-hub'

/**
 * The operations a user may call over HTTP: those scoped to the acting user. Library-wide ones
 * (users, tokens, storages, sync, maintenance, system) and those that read a path on the server's
 * disk stay with the CLI and the desktop app.
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
/** Input keys that name files on the server's disk: never accepted from the network. */
const LOCAL_PATH_KEYS = ['path', 'paths'] as const

export function isHttpOperation(name: string): name is ApiName {
  return (
    (API_NAMES as string[]).includes(name) &&
    HTTP_DOMAINS.has(name.slice(0, name.indexOf('.'))) &&
    !LOCAL_ONLY.has(name)
  )
}

export const HTTP_OPERATIONS: readonly ApiName[] = API_NAMES.filter(isHttpOperation)

export type HttpCall = <N extends ApiName>(name: N, input: ApiInput<N>, user: User) => Promise<ApiOutput<N>>

/**
 * Calls the contract for a user over HTTP: refuses what the door does not offer (as "not found",
 * like an unknown route) and reports the operation's progress on the user's event streams.
 */
export function httpCaller(call: Call, hub: EventHub): HttpCall {
  return (name, input, user) => {
    if (!isHttpOperation(name)) {
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
