import type { Library } from '../library/library'
import { backupServiceFor } from '../library-backup/backup-service-for'
import { type CheckResult, ok, warning } from './check'

const WEEK_MS = 7 * 86_400_000
const ID = 'library.snapshots'
const TITLE = 'library snapshots'

/** Warns when the newest verified library snapshot is older than 7 days, or there is none. */
export async function checkLibrarySnapshots(library: Library, now: Date): Promise<CheckResult> {
  const service = backupServiceFor(library)
  if (service.backupStorages().length === 0) {
    return warning(
      ID,
      TITLE,
      'The library database is not backed up: no storage is named "backup" (nor listed in libraryBackup.storages). Add one under "storages" in castdesk.config.json, then run "castdesk library backup".',
    )
  }
  const storages = await service.list()
  const newest = storages
    .flatMap((entry) =>
      entry.snapshots.filter((s) => s.verified).map((s) => ({ ...s, storage: entry.storage })),
    )
    .sort((a, b) => (a.time < b.time ? 1 : -1))[0]
  const unreadable = storages.filter((entry) => entry.error).map((entry) => entry.storage)
  const details = { storages: storages.map((s) => s.storage), newest: newest?.name ?? null, unreadable }
  if (!newest) {
    return warning(
      ID,
      TITLE,
      `There is no verified snapshot of the library database in ${storages.map((s) => `"${s.storage}"`).join(', ')}. Run "castdesk library backup" (or "Back up library now" in Storage & sync).`,
      details,
    )
  }
  const ageDays = Math.floor((now.getTime() - Date.parse(newest.time)) / 86_400_000)
  if (now.getTime() - Date.parse(newest.time) > WEEK_MS) {
    return warning(
      ID,
      TITLE,
      `The newest library snapshot (${newest.name} in "${newest.storage}") is ${ageDays} days old. Run "castdesk library backup" (or "Back up library now" in Storage & sync).`,
      details,
    )
  }
  return ok(
    ID,
    TITLE,
    `The newest library snapshot is ${newest.name} in "${newest.storage}", verified.`,
    details,
  )
}
