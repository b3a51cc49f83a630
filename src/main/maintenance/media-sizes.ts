import type { SizesReport } from '../../shared/api/storage.api'
import { isSnapshotKey } from '../library-backup/snapshot-layout'
import type { Storage } from '../storage/storage'
import { emptyTotals, sizeCategory } from './size-categories'

/**
 * media_sizes: every file of each storage with its size, and totals for video, image, audio and
 * misc, per user (files no item references count under "") and per storage. Library
 * snapshots are not media and not counted.
 */
export async function mediaSizes(
  storages: readonly Storage[],
  owners: ReadonlyMap<string, { owner: string; mime: string }>,
): Promise<SizesReport> {
  const report: SizesReport = { storages: [] }
  for (const storage of storages) {
    const totals = emptyTotals()
    const byUser: Record<string, number> = {}
    const files: SizesReport['storages'][number]['files'] = []
    for await (const object of storage.list()) {
      // Library snapshots (castdesk-library/) are not media: `library backups` lists them.
      if (isSnapshotKey(object.key)) continue
      const known = owners.get(object.key)
      const category = sizeCategory(object.key, known?.mime)
      files.push({ key: object.key, size: object.size, category, owner: known?.owner ?? null })
      totals[category] += object.size
      totals.total += object.size
      const user = known?.owner ?? ''
      byUser[user] = (byUser[user] ?? 0) + object.size
    }
    report.storages.push({ name: storage.name, files, totals, byUser })
  }
  return report
}
