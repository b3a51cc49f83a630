/**
 * Where removed files wait (pure): a folder inside a local storage's root, a prefix in an S3
 * storage, one sub-folder per removal batch named after its UTC time. Never listed as media,
 * never synced, never called stale.
 */

/** Local storages: `<root>/.castdesk-quarantine/<batch>/<key>`. */
export const LOCAL_QUARANTINE_DIR = '.castdesk-quarantine'
/** S3 storages: `<prefix>castdesk-quarantine/<batch>/<key>`. */
export const S3_QUARANTINE_PREFIX = 'castdesk-quarantine/'

const BATCH = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/

/** A batch id from its UTC time: `2026-12-06T01-02-03-456Z` (no ":" so it is a folder name everywhere). */
export function batchIdAt(time: Date): string {
  return time.toISOString().replace(/:/g, '-').replace('.', '-')
}

/** The UTC time of a batch id, or null when the name is not one. */
export function batchTime(id: string): Date | null {
  const match = BATCH.exec(id)
  if (!match) return null
  const time = new Date(`${match[1]}T${match[2]}:${match[3]}:${match[4]}.${match[5]}Z`)
  return Number.isNaN(time.getTime()) ? null : time
}

export function isBatchId(id: string): boolean {
  return batchTime(id) !== null
}

/** Whether a batch is past its keeping time. */
export function isExpired(id: string, now: Date, keepDays: number): boolean {
  const time = batchTime(id)
  return time !== null && now.getTime() - time.getTime() > keepDays * 86_400_000
}
