import { randomUUID } from 'node:crypto'
import { toErrorBody } from '../../shared/errors'
import type { Library } from '../library/library'
import type { Storage } from '../storage/storage'
import { type CheckResult, failure, ok, warning } from './check'

/**
 * Each configured storage: that it is there and this library's (its marker; nothing is created
 * when it is not), that every permission Castdesk needs works, and the census of referenced files.
 */
export async function checkStorages(library: Library): Promise<CheckResult[]> {
  const results: CheckResult[] = []
  const { identity, registry } = library.storages
  for (const name of registry.names()) {
    const id = `storage.${name}`
    const title = `storage "${name}"`
    try {
      await identity.require([name])
      await tryEveryPermission(registry.get(name))
      results.push(ok(id, title, `Storage "${name}" is reachable; list, read, write and delete all work.`))
      results.push(censusFinding(name, await identity.census(name)))
    } catch (error) {
      const { code, message } = toErrorBody(error)
      results.push(failure(id, title, message, { code }))
    }
  }
  return results
}

function censusFinding(
  name: string,
  census: { referenced: number; present: number; missing: number; missingKeys: string[] },
): CheckResult {
  const id = `storage.${name}.census`
  const title = `files in "${name}"`
  const counts = `${census.present.toLocaleString('en')} of ${census.referenced.toLocaleString('en')} files present`
  if (census.missing === 0) return ok(id, title, `${name}: ${counts}.`, { ...census })
  const named = census.missingKeys.join(', ')
  const more =
    census.missing > census.missingKeys.length
      ? ` and ${census.missing - census.missingKeys.length} more`
      : ''
  if (name === 'default') {
    return failure(
      id,
      title,
      `${name}: ${counts}; ${census.missing} missing (${named}${more}). Bring them back from another copy: "castdesk sync --from production --to default" (or "castdesk media_restore" to fill production from backup first).`,
      { ...census },
    )
  }
  const fix = name === 'backup' ? '"castdesk media_backup"' : `"castdesk sync --to ${name}"`
  return warning(
    id,
    title,
    `${name}: ${counts}; ${census.missing} not there yet (${named}${more}). Copy them with ${fix}.`,
    { ...census },
  )
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
