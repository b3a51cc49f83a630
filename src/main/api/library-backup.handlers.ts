import type { ApiHandlers } from '../../shared/api'
import type { Library } from '../library/library'
import { backupServiceFor } from '../library-backup/backup-service-for'

/** Snapshots of the library database: `castdesk library backup|backups`, Storage & sync. */
export function libraryBackupHandlers(
  library: Library,
): Pick<ApiHandlers, 'library.backup' | 'library.backups'> {
  return {
    'library.backup': async ({ to }) => ({ outcomes: await backupServiceFor(library).backup(to) }),
    'library.backups': async ({ from }) => ({ storages: await backupServiceFor(library).list(from) }),
  }
}
