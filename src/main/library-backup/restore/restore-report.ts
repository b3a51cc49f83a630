import type { SnapshotCounts } from '../../../shared/api/library-backup.api'
import type { MediaType } from '../../../shared/media'

export interface RestoreProblem {
  key: string
  mediaId: number
  type: MediaType
  title: string
  problem: 'missing' | 'mismatched'
}

/** What `castdesk library restore` did. */
export interface RestoreReport {
  library: string
  snapshot: { name: string; time: string; schemaVersion: number; libraryId: string }
  /** True when this run went on from a restore that was interrupted. */
  resumed: boolean
  /** Items (images, audio, videos, files) in the restored library. */
  items: number
  counts: SnapshotCounts
  files: {
    total: number
    /** Copied by this restore, each checked by SHA-256. */
    restored: number
    /** Already in place with the right content (a resumed restore). */
    present: number
    missing: number
    mismatched: number
    /** Renditions the sources lacked: forgotten and queued to be made again. */
    requeued: number
  }
  /** Each missing or mismatched file with its item. */
  problems: RestoreProblem[]
}
