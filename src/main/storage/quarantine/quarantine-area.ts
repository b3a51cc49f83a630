import type { Readable } from 'node:stream'

/** A file waiting in a quarantine batch, under the key it had in the storage. */
export interface QuarantinedFile {
  batch: string
  key: string
  size: number
}

/** What putting a file back found. */
export type PutBackOutcome = 'restored' | 'identical'

/**
 * The quarantine of one storage: removed files are moved in (same filesystem, or a server-side
 * copy), listed per batch, put back byte-identical, read out, or purged for good.
 */
export interface QuarantineArea {
  /** Where the batch is, for a person: a folder path or an s3:// address. */
  location(batch: string): string
  /** Moves a stored file into the batch; null when the key was not there (nothing to move). */
  moveIn(batch: string, key: string): Promise<{ size: number } | null>
  /** Every quarantined file, or those of one batch. */
  files(batch?: string): Promise<QuarantinedFile[]>
  /**
   * Puts a file back at its key. A file already there with the same content: the quarantined copy
   * is dropped ('identical'); with other content: `restore_conflict`, both kept.
   */
  putBack(batch: string, key: string): Promise<PutBackOutcome>
  read(batch: string, key: string): Promise<Readable>
  /** Removes a quarantined file for good. */
  purge(batch: string, key: string): Promise<void>
}
