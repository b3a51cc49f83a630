import type { ApiHandlers } from '../../shared/api'
import { CastdeskError } from '../../shared/errors'
import type { User } from '../../shared/media'
import { isoNow } from '../library/clock'
import type { Library } from '../library/library'

export function userHandlers(library: Library): Pick<ApiHandlers, 'users.add' | 'users.list'> {
  return {
    'users.add': async ({ name }) => {
      if (library.users.findByName(name)) {
        throw new CastdeskError('invalid_input', `A user named "${name}" already exists.`)
      }
      return library.users.insert(name, isoNow(library.clock))
    },
    'users.list': async () => library.users.list(),
  }
}

/** The acting user by name, created on first use (the CLI's --user and the OS user). */
export function actingUser(library: Library, name: string): User {
  const trimmed = name.trim()
  if (!trimmed || trimmed.length > 64) {
    throw new CastdeskError('invalid_input', `"${name}" is not a valid user name (1 to 64 characters).`)
  }
  return library.users.findByName(trimmed) ?? library.users.insert(trimmed, isoNow(library.clock))
}
