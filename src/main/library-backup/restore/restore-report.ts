import type { SnapshotCounts } from '../../../shared/api/library-backup.api'
import type { QuarantineNote } from '../../../shared/api/quarantine.api'
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
  /** The catalog of an existing library was repaired; its media were checked and kept. */
  inPlace: boolean
  /** In place: the refused catalog (and a config of another library), renamed beside it, never deleted. */
  kept: string[]
  /** In place: files newer than the snapshot at its keys, kept in the media storage's quarantine. */
  replaced: QuarantineNote | null
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

/** What a restore did, for people: the CLI's output and the desktop app's message. */
export function describeRestore(r: RestoreReport): string[] {
  const f = r.files
  return [
    `${r.inPlace ? 'Repaired the catalog of' : 'Restored'} ${r.library} from snapshot ${r.snapshot.name} (${r.snapshot.time})${r.resumed ? ', resumed' : ''}`,
    `${r.items} items (${r.counts.image} images, ${r.counts.audio} audio, ${r.counts.video} videos, ${r.counts.file} files), ${r.counts.episodes} episodes, ${r.counts.users} users`,
    `files: ${f.restored} restored, ${f.present} already there, ${f.missing} missing, ${f.mismatched} mismatched, ${f.requeued} renditions queued to be made again (of ${f.total})`,
    ...r.kept.map((path) => `kept ${path}`),
    ...(r.replaced
      ? [
          `${r.replaced.files} files newer than the snapshot were kept in ${r.replaced.location}; put them back with: ${r.replaced.restore}`,
        ]
      : []),
  ]
}
