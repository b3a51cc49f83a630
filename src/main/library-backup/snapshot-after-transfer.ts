import type { SyncReport } from '../../shared/api/storage.api'
import { toErrorBody } from '../../shared/errors'
import type { Library } from '../library/library'
import { backupServiceFor } from './backup-service-for'

/**
 * After a media_backup or sync that ended without a failure into a backup storage, the library
 * database goes there too (libraryBackup.automatic); the outcome rides on the report.
 */
export async function snapshotAfterTransfer(library: Library, report: SyncReport): Promise<SyncReport> {
  if (report.dryRun || report.failures.length > 0 || !library.config.libraryBackup.automatic) return report
  const service = backupServiceFor(library)
  if (!service.isBackupStorage(report.to)) return report
  try {
    const [outcome] = await service.backup([report.to])
    return outcome ? { ...report, librarySnapshot: outcome } : report
  } catch (error) {
    const body = toErrorBody(error)
    return { ...report, librarySnapshot: { storage: report.to, snapshot: null, pruned: [], error: body } }
  }
}
