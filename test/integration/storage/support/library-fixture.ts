import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { storageHandlers } from '../../../../src/main/api/storage.handlers'
import { actingUser } from '../../../../src/main/api/users.handlers'
import { Library } from '../../../../src/main/library/library'
import type { CallContext } from '../../../../src/shared/api'
import { type StorageOutputs, storageInputs } from '../../../../src/shared/api/storage.api'

type StorageOp = keyof typeof storageInputs

export interface OpenLibrary {
  library: Library
  /** Calls a storage operation as the doors do: input validated against the contract first. */
  call: <N extends StorageOp>(
    name: N,
    input: import('zod').input<(typeof storageInputs)[N]>,
    context: CallContext,
  ) => Promise<StorageOutputs[N]>
  context: CallContext
  close: () => void
}

/**
 * A library in `dir` whose castdesk.config.json holds `config`, opened in this process; every
 * configured storage set up with `storages init` (unless `initStorages` is false).
 */
export async function openLibrary(
  dir: string,
  config: Record<string, unknown>,
  env: NodeJS.ProcessEnv = {},
  options: { initStorages?: boolean } = {},
): Promise<OpenLibrary> {
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'castdesk.config.json'), JSON.stringify(config, null, 2))
  const library = await Library.open(dir, { create: true, env: { ...process.env, ...env } })
  if (options.initStorages !== false) {
    for (const name of library.storages.registry.names()) await library.storages.identity.init(name)
  }
  const handlers = storageHandlers(library)
  const call: OpenLibrary['call'] = (name, input, context) => {
    const parsed = storageInputs[name].parse(input)
    const handler = handlers[name] as (
      input: unknown,
      context: CallContext,
    ) => Promise<StorageOutputs[typeof name]>
    return handler(parsed, context)
  }
  return { library, call, context: { user: actingUser(library, 'ann') }, close: () => library.close() }
}

/** S3 settings for a storage on the test server (path-style, quick to give up on a stall). */
export function s3Storage(endpoint: string, bucket: string, extra: Record<string, unknown> = {}) {
  return { type: 's3', bucket, endpoint, forcePathStyle: true, requestTimeoutSeconds: 1, ...extra }
}
