import { z } from 'zod'

const storageName = z.string().regex(/^[a-z][a-z0-9_-]*$/, 'a storage name')
const batch = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z$/, 'a quarantine batch id')

export const quarantineInputs = {
  'quarantine.list': z.object({ storage: storageName.optional() }).strict(),
  'quarantine.restore': z
    .object({
      batch,
      /** Only this storage (default: every storage that holds the batch). */
      storage: storageName.optional(),
      /** Only these keys of the batch. */
      keys: z.array(z.string().min(1)).optional(),
      /** Copy the files out into this folder (to import them again) instead of putting them back. */
      path: z.string().min(1).optional(),
    })
    .strict(),
  'quarantine.purge': z
    .object({
      storage: storageName.optional(),
      /** Only this batch, whatever its age. */
      batch: batch.optional(),
      /** Every batch, whatever its age. */
      all: z.boolean().default(false),
    })
    .strict(),
} as const

/** Where a removing command put what it removed, and how to get it back. */
export interface QuarantineNote {
  storage: string
  batch: string
  /** The batch's folder or s3:// address. */
  location: string
  files: number
  bytes: number
  /** The command that puts the files back. */
  restore: string
}

export interface QuarantineBatch {
  storage: string
  batch: string
  /** The batch's UTC time. */
  created: string
  /** When `quarantine purge` (or a removing command) may drop it. */
  expires: string
  location: string
  files: number
  bytes: number
  keys: string[]
}

export interface QuarantineFailure {
  /** The file, or "" for the whole storage. */
  key: string
  code: string
  message: string
}

export interface QuarantineOutputs {
  'quarantine.list': {
    keepDays: number
    batches: QuarantineBatch[]
    /** Storages that could not be listed (no credentials, unreachable): the others are still shown. */
    unlisted: (QuarantineFailure & { storage: string })[]
  }
  'quarantine.restore': {
    batch: string
    /** Put back at their keys (or copied out with `path`). */
    restored: { storage: string; key: string }[]
    /** Already there with the same content: the quarantined copy was dropped. */
    identical: { storage: string; key: string }[]
    failures: (QuarantineFailure & { storage: string })[]
    path: string | null
  }
  'quarantine.purge': { batches: { storage: string; batch: string; files: number; bytes: number }[] }
}
