import { randomUUID } from 'node:crypto'
import { toErrorBody } from '../../shared/errors'
import type { Library } from '../library/library'
import { createStorage } from '../storage/create-storage'
import type { Storage } from '../storage/storage'
import { type CheckResult, failure, ok } from './check'

/** Tries every permission Castdesk needs on each configured storage, on a temporary key it removes. */
export async function checkStorages(library: Library): Promise<CheckResult[]> {
  const results: CheckResult[] = []
  for (const name of Object.keys(library.config.storages)) {
    const id = `storage.${name}`
    try {
      const storage = name === 'default' ? library.storage : createStorage(name, library.config, library.dir)
      await tryEveryPermission(storage)
      results.push(
        ok(id, `storage "${name}"`, `Storage "${name}" is reachable; list, read, write and delete all work.`),
      )
    } catch (error) {
      const { code, message } = toErrorBody(error)
      results.push(failure(id, `storage "${name}"`, message, { code }))
    }
  }
  return results
}

async function tryEveryPermission(storage: Storage): Promise<void> {
  const prefix = '.castdesk-doctor/'
  const key = `${prefix}${randomUUID()}.txt`
  const body = Buffer.from(`castdesk doctor ${new Date().toISOString()}\n`)
  await storage.put(key, body)
  try {
    const read: Buffer[] = []
    for await (const chunk of await storage.get(key)) read.push(chunk as Buffer)
    if (!Buffer.concat(read).equals(body))
      throw new Error(`a test file written to "${storage.name}" read back different bytes`)
    let listed = false
    for await (const object of storage.list(prefix)) if (object.key === key) listed = true
    if (!listed) throw new Error(`a test file written to "${storage.name}" did not appear in its listing`)
  } finally {
    await storage.delete(key)
  }
  if (await storage.head(key)) throw new Error(`a test file could not be deleted from "${storage.name}"`)
}
