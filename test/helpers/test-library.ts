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

/** Opens a fresh library in `dir` (with config overrides), closed after the test file. */
export async function openTestLibrary(
  dir: string,
  config: Record<string, unknown> = {},
): Promise<TestLibrary> {
  mkdirSync(dir, { recursive: true })
  if (Object.keys(config).length) writeFileSync(join(dir, 'castdesk.config.json'), JSON.stringify(config))
  const library = await Library.open(dir, { create: true })
  afterAll(() => library.close())
  return {
    library,
    call: createDispatcher(createHandlers(library)),
    as: (user) => ({ user: actingUser(library, user) }),
  }
}
