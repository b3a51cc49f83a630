import type { ApiName } from '../../shared/api'
import { CastdeskError } from '../../shared/errors'
import type { Call } from './dispatch'

/**
 * Who may call an operation:
 * - `user`: any user, scoped to themselves, through every door (API token, browser session, the
 *   desktop app's IPC, the CLI).
 * - `owner`: the library's owner: the CLI and the desktop app (the person at this machine), and over
 *   HTTP only the owner session (the one-time link `castdesk serve` printed on its console). API
 *   tokens and sessions started with a token get 404, as for an unknown operation.
 * - `local`: never over HTTP, not even for the owner: it reads a path on the server's disk, or it
 *   hands out or takes back API tokens (`tokens.create` for any user, the caller included, is a
 *   secret made at this machine and shown once, never minted by a network caller).
 */
export type AccessRule = 'user' | 'owner' | 'local'

/** The doors into the contract. */
export type Door = { kind: 'cli' } | { kind: 'ipc' } | { kind: 'http'; owner: boolean }

/** Every contract operation's rule, in one place (a new operation without one does not compile). */
export const ACCESS_RULES: Readonly<Record<ApiName, AccessRule>> = {
  'audio.cancelEncode': 'user',
  'audio.chapters': 'user',
  'audio.encode': 'user',
  'audio.exportChapters': 'user',
  'audio.exportTranscript': 'user',
  'audio.importChapters': 'user',
  'audio.importTranscript': 'user',
  'audio.peaks': 'user',
  'audio.loudness': 'user',
  'audio.player': 'user',
  'audio.queueEncode': 'user',
  'audio.readEmbeddedChapters': 'user',
  'audio.setChapters': 'user',
  'audio.transcript': 'user',
  'audio.update': 'user',
  'audio.writeChapters': 'user',
  'episodes.create': 'user',
  'episodes.delete': 'user',
  'episodes.list': 'user',
  'episodes.preview': 'user',
  'episodes.show': 'user',
  'episodes.update': 'user',
  'episodes.usage': 'user',
  'galleries.create': 'user',
  'galleries.renditions': 'user',
  'images.focal': 'user',
  'images.picture': 'user',
  'images.rendition': 'user',
  'images.syncRenditions': 'user',
  'jobs.list': 'user',
  'jobs.retry': 'user',
  'media.delete': 'user',
  'media.file': 'user',
  'media.list': 'user',
  'media.page': 'user',
  'media.show': 'user',
  'media.update': 'user',
  'media.upload': 'user',
  'media.verify': 'user',
  'podcast.cancelImport': 'user',
  'podcast.import': 'user', // over HTTP: URLs only, private addresses refused (feedImport)
  'podcast.init': 'user',
  'podcast.show': 'user',
  'podcast.update': 'user',
  'publish.targets': 'user',
  'search.query': 'user',
  'trash.empty': 'user',
  'trash.list': 'user',
  'trash.restore': 'user',
  'video.poster': 'user',
  'video.recalcPosters': 'user',
  'config.show': 'owner',
  'config.update': 'owner',
  'library.backup': 'owner',
  'library.backups': 'owner',
  'maintenance.backup': 'owner',
  'maintenance.restore': 'owner',
  'maintenance.sizes': 'owner',
  'maintenance.stale': 'owner',
  'quarantine.list': 'owner',
  'quarantine.purge': 'owner',
  'quarantine.restore': 'owner', // its `path` (copy out to a folder) is refused over HTTP
  'publish.run': 'owner', // writes into a library-wide storage (a website's folder or bucket)
  'storage.init': 'owner',
  'storage.list': 'owner',
  'storage.status': 'owner',
  'storage.sync': 'owner',
  'system.doctor': 'owner',
  'system.logs': 'owner',
  'users.add': 'owner',
  'users.list': 'owner',
  'audio.addFile': 'local', // a path on the server's disk
  'jobs.run': 'local', // runs the queue in the caller's process
  'media.import': 'local', // paths on the server's disk
  'tokens.create': 'local',
  'tokens.list': 'local',
  'tokens.revoke': 'local',
}

/** Every operation of the contract (the table above names each exactly once). */
export const API_NAMES = Object.keys(ACCESS_RULES) as ApiName[]

export function isOffered(name: string, door: Door): name is ApiName {
  if (!Object.hasOwn(ACCESS_RULES, name)) return false
  const rule = ACCESS_RULES[name as ApiName]
  if (door.kind !== 'http') return true
  return rule === 'user' || (rule === 'owner' && door.owner)
}

/** The operations `door` offers. */
export function offeredAt(door: Door): ApiName[] {
  return API_NAMES.filter((name) => isOffered(name, door))
}

/** Refuses what `door` does not offer as "not found", like an unknown operation. */
export function assertOffered(name: string, door: Door): void {
  if (isOffered(name, door)) return
  const where = door.kind === 'http' ? ' over HTTP' : ''
  throw new CastdeskError('not_found', `There is no operation "${name}"${where}.`)
}

/** `call` behind one door: every call is checked against the table first. */
export function callThrough(call: Call, door: Door): Call {
  return async (name, input, context) => {
    assertOffered(name, door)
    return call(name, input, context)
  }
}
