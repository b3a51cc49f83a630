import type { SyncReport } from '../../shared/api/storage.api'
import type { TransferProgress } from '../storage/sync/progress-meter'
import { runSync, type SyncDeps } from '../storage/sync/sync.service'

/**
 * media_backup: copies every production file that backup lacks or holds with other content
 * (by SHA-256), reading both real listings. Never deletes; reports counts and bytes.
 */
export function mediaBackup(
  deps: SyncDeps,
  options: { dryRun: boolean; transfers?: number },
  onProgress?: (progress: TransferProgress) => void,
): Promise<SyncReport> {
  deps.storages.require(['production', 'backup'], 'media_backup')
  return runSync(
    { from: 'production', to: 'backup', verify: true, delete: false, ...options },
    deps,
    onProgress,
  )
}
