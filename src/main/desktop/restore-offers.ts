import type { SnapshotCounts } from '../../shared/api/library-backup.api'
import { toErrorBody } from '../../shared/errors'
import { targetConfig } from '../library-backup/restore/restore-in-place'
import { SnapshotStore } from '../library-backup/snapshot-store'
import { createStorage } from '../storage/create-storage'

/** A snapshot the desktop app can restore the catalog from: the newest verified one of a backup storage. */
export interface RestoreOffer {
  storage: string
  snapshot: string
  time: string
  counts: SnapshotCounts | null
}

/**
 * What "Restore from a backup" can offer without opening the library: for each backup storage of
 * the library's config (`backup` and libraryBackup.storages), its newest verified snapshot of this
 * library. A storage that cannot be read is named in `unreadable`, the others offered.
 */
export async function restoreOffers(
  dir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ offers: RestoreOffer[]; unreadable: string[] }> {
  const config = targetConfig(dir)
  const offers: RestoreOffer[] = []
  const unreadable: string[] = []
  if (!config) return { offers, unreadable }
  const names = [...new Set(['backup', ...config.libraryBackup.storages])].filter((n) => config.storages[n])
  for (const name of names) {
    const storage = createStorage(name, config, dir, { env })
    try {
      const newest = (await new SnapshotStore(storage).list()).find(
        (s) => s.verified && (!config.libraryId || s.libraryId === config.libraryId),
      )
      if (newest)
        offers.push({ storage: name, snapshot: newest.name, time: newest.time, counts: newest.counts })
    } catch (error) {
      unreadable.push(`${name}: ${toErrorBody(error).message}`)
    } finally {
      await (storage as { close?: () => Promise<void> }).close?.()
    }
  }
  return { offers, unreadable }
}
