import { z } from 'zod'

const storageName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'a storage name: lower-case letters, digits, "_" or "-"')

export const libraryBackupInputs = {
  /** A snapshot of the library database (and its config) to each backup storage, read back and checked. */
  'library.backup': z
    .object({
      /** Storages to back up to (default: `backup` and those in libraryBackup.storages). */
      to: z.array(storageName).optional(),
    })
    .strict(),
  /** The snapshots kept in each backup storage, newest first. */
  'library.backups': z.object({ from: storageName.optional() }).strict(),
} as const

/** Items of each kind a snapshot holds. */
export interface SnapshotCounts {
  image: number
  audio: number
  video: number
  file: number
  episodes: number
  users: number
  /** Stored files (originals, renditions, posters, transcripts, peaks). */
  files: number
}

/** `castdesk-library/<name>.json` beside every snapshot: what it holds, written once it is verified. */
export interface SnapshotManifest {
  format: 1
  /** `20261206T010203Z-0123456789ab`: the key is `castdesk-library/<name>.sqlite.gz`. */
  name: string
  /** When the snapshot was taken, UTC ISO-8601. */
  time: string
  /** Bytes of the compressed snapshot as stored. */
  size: number
  /** SHA-256 of the compressed snapshot as stored. */
  sha256: string
  /** Bytes and SHA-256 of the database inside it. */
  databaseSize: number
  databaseSha256: string
  schemaVersion: number
  libraryId: string
  counts: SnapshotCounts
  /** castdesk.config.json as it was (it never holds a secret: S3 keys are never in it). */
  config: Record<string, unknown>
  /** Read back from the storage and matched by SHA-256 before this manifest was written. */
  verified: true
}

export interface SnapshotInfo {
  name: string
  time: string
  size: number
  /** Only a snapshot read back and checked counts; a torn or unchecked one is listed as false. */
  verified: boolean
  schemaVersion: number | null
  libraryId: string | null
  counts: SnapshotCounts | null
}

export interface BackupOutcome {
  storage: string
  /** The snapshot written (null when this storage failed). */
  snapshot: SnapshotInfo | null
  /** Older snapshots removed by the retention rules (libraryBackup.keepLast / keepDays). */
  pruned: string[]
  error: { code: string; message: string } | null
}

export interface StorageSnapshots {
  storage: string
  snapshots: SnapshotInfo[]
  error: { code: string; message: string } | null
}

export interface LibraryBackupOutputs {
  'library.backup': { outcomes: BackupOutcome[] }
  'library.backups': { storages: StorageSnapshots[] }
}
