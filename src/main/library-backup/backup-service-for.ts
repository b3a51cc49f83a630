import type { Library } from '../library/library'
import { LibraryBackupService } from './library-backup.service'

const services = new WeakMap<Library, LibraryBackupService>()

/** The library's snapshot service, made once per open library. */
export function backupServiceFor(library: Library): LibraryBackupService {
  let service = services.get(library)
  if (!service) {
    service = new LibraryBackupService({
      db: library.db,
      storages: library.storages.registry,
      settings: library.config.libraryBackup,
      libraryDir: library.dir,
      workDir: library.stagingDir,
      now: () => library.clock.now(),
      log: library.log,
    })
    services.set(library, service)
  }
  return service
}
