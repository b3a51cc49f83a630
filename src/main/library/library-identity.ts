import { randomUUID } from 'node:crypto'
import { CastdeskError } from '../../shared/errors'
import { NEW_CATALOG_COMMAND, RESTORE_COMMAND } from '../../shared/sqlite-errors'
import { readConfigLibraryId, writeConfigLibraryId } from './config-file'
import type { Db } from './database'
import { LibraryIdentityRepository } from './repositories/library-identity.repository'

/**
 * The library's id, the same in the database and in castdesk.config.json. A library made before
 * ids existed gets one on its first open (the config's, when only the config has one); a database
 * and a config that name different libraries are refused, unchanged.
 */
export async function settleLibraryIdentity(root: string, db: Db, now: string): Promise<string> {
  const fromConfig = readConfigLibraryId(root)
  const repo = new LibraryIdentityRepository(db)
  const stored = repo.get() ?? repo.claim({ id: fromConfig ?? randomUUID(), created: now })
  if (fromConfig && fromConfig !== stored.id) throw mismatch(root, stored.id, fromConfig)
  if (!fromConfig) await writeConfigLibraryId(root, stored.id)
  return stored.id
}

/** Before any migration writes to it: a database that names another library is refused unchanged. */
export function assertSameLibrary(root: string, db: Db): void {
  const fromConfig = readConfigLibraryId(root)
  const stored = new LibraryIdentityRepository(db).storedId()
  if (fromConfig && stored && stored !== fromConfig) throw mismatch(root, stored, fromConfig)
}

function mismatch(root: string, stored: string, fromConfig: string): CastdeskError {
  return new CastdeskError(
    'library_mismatch',
    `The database in ${root} belongs to another Castdesk library (its id is ${stored}, castdesk.config.json names ${fromConfig}). Nothing was changed. Put this library's own library.sqlite back ("${RESTORE_COMMAND} --from BACKUP --library ${root}" brings one from a backup), or start a new catalog on purpose with "${NEW_CATALOG_COMMAND} --library ${root}" (the other file is kept beside it).`,
  )
}
