import { toErrorBody } from '../../shared/errors'
import type { LibraryBackupService } from './library-backup.service'

const DAY_MS = 86_400_000

export interface DailySnapshotOptions {
  /** How often to look (default hourly); the first look comes after `firstDelayMs` (default 1 min). */
  intervalMs?: number
  firstDelayMs?: number
  now?: () => Date
  onError?: (error: { code: string; message: string }) => void
}

/**
 * Once a day while `serve` or the desktop app runs: each backup storage whose newest verified
 * snapshot is a day old or more (or that has none) gets a new one. Returns the stop function.
 */
export function startDailySnapshots(
  service: LibraryBackupService,
  options: DailySnapshotOptions = {},
): () => void {
  const now = options.now ?? (() => new Date())
  let running = false
  const look = async () => {
    if (running) return
    running = true
    try {
      const due: string[] = []
      for (const entry of await service.list()) {
        if (entry.error) continue
        const newest = entry.snapshots.find((s) => s.verified)
        if (!newest || now().getTime() - Date.parse(newest.time) >= DAY_MS) due.push(entry.storage)
      }
      if (due.length) await service.backup(due)
    } catch (error) {
      options.onError?.(toErrorBody(error))
    } finally {
      running = false
    }
  }
  const first = setTimeout(() => void look(), options.firstDelayMs ?? 60_000)
  const every = setInterval(() => void look(), options.intervalMs ?? 3_600_000)
  first.unref()
  every.unref()
  return () => {
    clearTimeout(first)
    clearInterval(every)
  }
}
