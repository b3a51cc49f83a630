import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll } from 'vitest'
import { type Call, createDispatcher } from '../../src/main/api/dispatch'
import { createHandlers } from '../../src/main/api/handlers'
import { actingUser } from '../../src/main/api/users.handlers'
import { Library } from '../../src/main/library/library'
import type { CallContext } from '../../src/shared/api'

export interface TestLibrary {
  library: Library
  call: Call
  as(user: string): CallContext
}

/**
 * Opens a fresh library in `dir` (with config overrides), closed after the test file. Like a user
 * who configured storages before `init`, every configured storage is set up (`storages init`)
 * unless `initStorages` is false.
 */
export async function openTestLibrary(
  dir: string,
  config: Record<string, unknown> = {},
  options: { initStorages?: boolean } = {},
): Promise<TestLibrary> {
  mkdirSync(dir, { recursive: true })
  if (Object.keys(config).length) writeFileSync(join(dir, 'castdesk.config.json'), JSON.stringify(config))
  const library = await Library.open(dir, { create: true })
  afterAll(() => library.close())
  if (options.initStorages !== false) {
    for (const name of library.storages.registry.names()) await library.storages.identity.init(name)
  }
  return {
    library,
    call: createDispatcher(createHandlers(library)),
    as: (user) => ({ user: actingUser(library, user) }),
  }
}
