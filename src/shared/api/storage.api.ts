import { z } from 'zod'
import type { MediaType } from '../media'
import { id } from './common'
import type { BackupOutcome } from './library-backup.api'
import type { QuarantineNote } from './quarantine.api'

/** A storage name as castdesk.config.json spells it. */
const storageName = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, 'a storage name: lower-case letters, digits, "_" or "-"')

const transfers = z.int().min(1).max(64)
/** --max-delete N: remove up to N files although that is more than maxDelete or maxDeleteFraction allow. */
const maxDelete = z.int().min(0).optional()

export const storageInputs = {
  'storage.list': z.object({}).strict(),
  /** Whether each storage is connected and is this library's (its marker); with `census`, its referenced files. */
  'storage.status': z.object({ census: z.boolean().default(false) }).strict(),
  /** Sets up a storage: creates a local root when missing and writes its marker. */
  'storage.init': z.object({ name: storageName }).strict(),
  'storage.sync': z
    .object({
      from: storageName.default('default'),
      to: storageName.default('production'),
      /** Plan only: show what would be added, changed and deleted. */
      dryRun: z.boolean().default(false),
      /** Delete destination files the source lacks (only under Castdesk's prefixes, never after an error). */
      delete: z.boolean().default(false),
      /** Read the destination's real listing instead of trusting the manifest. */
      verify: z.boolean().default(false),
      /** Files copied at once (default 8). */
      transfers: transfers.optional(),
      maxDelete,
    })
    .strict(),
  'maintenance.backup': z
    .object({ dryRun: z.boolean().default(false), transfers: transfers.optional() })
    .strict(),
  'maintenance.restore': z
    .object({ dryRun: z.boolean().default(false), transfers: transfers.optional() })
    .strict(),
  'maintenance.stale': z
    .object({ storage: storageName.optional(), delete: z.boolean().default(false), maxDelete })
    .strict(),
  'maintenance.sizes': z.object({ storage: storageName.optional() }).strict(),
  'trash.list': z.object({}).strict(),
  'trash.restore': z.object({ id }).strict(),
  'trash.empty': z.object({ maxDelete }).strict(),
} as const

export interface StorageInfo {
  name: string
  type: 'local' | 's3'
  location: string
  endpoint: string | null
  publicBaseUrl: string | null
  credentialVariables: string[]
}

/** Referenced files present and missing in one storage (from its real listing). */
export interface StorageCensus {
  storage: string
  referenced: number
  present: number
  missing: number
  /** A few of the missing keys. */
  missingKeys: string[]
}

export interface StorageStatus {
  name: string
  /** ok, or why commands refuse it (unreachable: an S3 error, credentials, network). */
  state: 'ok' | 'missing' | 'unmarked' | 'foreign' | 'unreachable'
  /** The root folder or s3://bucket/prefix. */
  where: string
  code: string | null
  /** The refusal with its fix, when not ok. */
  message: string | null
  census: StorageCensus | null
}

export interface StorageInitResult {
  name: string
  where: string
  createdRoot: boolean
  marked: boolean
}

export interface SyncFailure {
  key: string
  code: string
  message: string
}

export interface PlannedFile {
  key: string
  /** Bytes: the source's (add, change) or the destination's (extra, delete). */
  size: number
  /** Changed files: the size of the copy they replace. */
  previousSize?: number
}

export interface SyncReport {
  from: string
  to: string
  dryRun: boolean
  /** Whether the destination's real listing was read (else its manifest was trusted). */
  verified: boolean
  plan: { add: number; change: number; extra: number; same: number; bytes: number }
  /** The planned paths (dry runs only). */
  paths?: { add: string[]; change: string[]; extra: string[]; delete: string[] }
  /** The same plan with each file's size (dry runs only), for a plan a person can review. */
  files?: { add: PlannedFile[]; change: PlannedFile[]; extra: PlannedFile[]; delete: PlannedFile[] }
  /**
   * Files an item references that the source lacks and the destination holds: never extras, never
   * removed (the destination may hold the only copy). Listed on every run; the CLI exits 1.
   */
  missing: PlannedFile[]
  /** The command that brings the missing files back to the source. */
  missingFix: string | null
  /** Where removed files went (moved into the destination's quarantine), and how to get them back. */
  quarantine: QuarantineNote | null
  copied: number
  bytes: number
  deleted: number
  /** Extra destination files left in place (no --delete, or outside Castdesk's prefixes). */
  kept: number
  failures: SyncFailure[]
  deleteSkipped: string | null
  /** Source files read to learn their SHA-256 (unchanged files reuse the manifest's). */
  hashed: number
  seconds: number
  /** The library snapshot taken afterwards, when the destination is a backup storage. */
  librarySnapshot?: BackupOutcome
}

export interface StaleReport {
  storage: string
  files: { key: string; size: number }[]
  bytes: number
  deleted: number
  failures: SyncFailure[]
  /** When the catalog last changed what files it references. */
  catalogLastWrite: string | null
  /**
   * Unreferenced files written after that: never stale (the catalog may be an older copy that
   * never knew them); `importHint` says how to bring them back.
   */
  newer: { key: string; size: number; modified: string }[]
  importHint: string | null
  /** Where removed files went, and how to get them back. */
  quarantine: QuarantineNote | null
  /** Dry run: why `--delete` would be refused (too_many_deletes, catalog_empty), if it would. */
  deleteRefused: { code: string; message: string } | null
}

export type SizeCategory = Exclude<MediaType, 'file'> | 'misc'

export interface SizesReport {
  storages: {
    name: string
    files: { key: string; size: number; category: SizeCategory; owner: string | null }[]
    totals: Record<SizeCategory | 'total', number>
    /** Bytes per owner; files no item references are under null's key "". */
    byUser: Record<string, number>
  }[]
}

export interface TrashEntry {
  id: number
  type: MediaType
  title: string
  trashed: string
}

export interface StorageOutputs {
  'storage.list': StorageInfo[]
  'storage.status': StorageStatus[]
  'storage.init': StorageInitResult
  'storage.sync': SyncReport
  'maintenance.backup': SyncReport
  'maintenance.restore': SyncReport
  'maintenance.stale': StaleReport
  'maintenance.sizes': SizesReport
  'trash.list': TrashEntry[]
  'trash.restore': { id: number; restored: true }
  'trash.empty': {
    items: number
    files: number
    bytes: number
    filesKept: boolean
    failures: SyncFailure[]
    /** Where the removed files went, and how to get them back (the items' rows are gone). */
    quarantine: QuarantineNote | null
  }
}
