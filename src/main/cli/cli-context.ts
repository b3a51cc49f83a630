import { userInfo } from 'node:os'
import type { CallContext } from '../../shared/api'
import type { Call } from '../api/dispatch'
import type { Library, LibraryOptions } from '../library/library'
import { defaultLibraryDir } from '../platform/default-library-dir'
import { loadEngine } from './load-engine'

export interface GlobalOptions {
  library?: string
  user?: string
  json?: boolean
}

export interface CliSession {
  library: Library
  call: Call
  context: CallContext
  json: boolean
}

export function libraryDirFrom(options: GlobalOptions, env: NodeJS.ProcessEnv): string {
  return options.library ?? env.CASTDESK_LIBRARY ?? defaultLibraryDir(env)
}

export function userNameFrom(options: GlobalOptions, env: NodeJS.ProcessEnv): string {
  if (options.user) return options.user
  if (env.CASTDESK_USER) return env.CASTDESK_USER
  try {
    return userInfo().username
  } catch {
    return 'podcaster'
  }
}

/**
 * How the commands that remove files open the library: with SQLite's page check too, so a catalog
 * whose damage the header check misses is refused before anything is removed. Normal commands
 * skip it (it reads the whole file).
 */
export const BEFORE_REMOVING: LibraryOptions = { checkIntegrity: true }

/** Opens the library, resolves the acting user, runs `work`, and always closes the library. */
export async function withSession<T>(
  options: GlobalOptions,
  work: (session: CliSession) => Promise<T>,
  libraryOptions: LibraryOptions = {},
): Promise<T> {
  const env = process.env
  const { Library, actingUser, callThrough, createDispatcher, createHandlers } = await loadEngine()
  const library = await Library.open(libraryDirFrom(options, env), { env, ...libraryOptions })
  try {
    const call = callThrough(createDispatcher(createHandlers(library)), { kind: 'cli' })
    const user = actingUser(library, userNameFrom(options, env))
    return await work({ library, call, context: { user }, json: options.json ?? false })
  } finally {
    library.close()
  }
}
