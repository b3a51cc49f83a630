import type { SyncReport } from '../../shared/api/storage.api'
import type { TransferProgress } from '../storage/sync/progress-meter'
import { runSync, type SyncDeps } from '../storage/sync/sync.service'

/**
 * media_restore: media_backup the other way round. Copies every backup file that production
 * lacks or holds with other content (by SHA-256), reading both real listings. Never deletes.
 */
export function mediaRestore(
  deps: SyncDeps,
  options: { dryRun: boolean; transfers?: number },
  onProgress?: (progress: TransferProgress) => void,
): Promise<SyncReport> {
  deps.storages.require(['production', 'backup'], 'media_restore')
  return runSync(
    { from: 'backup', to: 'production', verify: true, delete: false, ...options },
    deps,
    onProgress,
  )
}
