import { existsSync, readFileSync } from 'node:fs'
import { open, rename } from 'node:fs/promises'
import { join } from 'node:path'
import type { SnapshotManifest } from '../../../shared/api/library-backup.api'
import type { QuarantineNote } from '../../../shared/api/quarantine.api'
import { CastdeskError } from '../../../shared/errors'
import type { RestoreProblem } from './restore-report'

/** The folder a restore works in, inside the new library folder; it is gone once the restore is complete. */
export const RESTORE_DIR = '.restore-in-progress'

/**
 * How far a restore got: `database` (nothing usable staged yet), `media` (the checked database and
 * config are staged; files are being copied), `commit` (everything copied; only the final renames left).
 */
export interface RestoreState {
  stage: 'media' | 'commit'
  /** Repairing the catalog of an existing library (restore-in-place.ts); absent in older states: false. */
  inPlace?: boolean
  manifest: SnapshotManifest
  /** In place: files at a key with other bytes, moved into the media storage's quarantine. */
  replaced?: QuarantineNote | null
  /** Problems found while copying, kept for the report of a run that only commits. */
  problems: RestoreProblem[]
  files: {
    total: number
    restored: number
    present: number
    missing: number
    mismatched: number
    requeued: number
  }
}

const STATE_FILE = 'state.json'

export function readState(stagingDir: string): RestoreState | null {
  const path = join(stagingDir, STATE_FILE)
  if (!existsSync(path)) return null
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as RestoreState
  } catch {
    // A state torn by a crash is no state: the restore starts over from the snapshot.
    return null
  }
}

/** Written to a temp file, flushed and renamed: a crash leaves the old state or the new one. */
export async function writeState(stagingDir: string, state: RestoreState): Promise<void> {
  const path = join(stagingDir, STATE_FILE)
  const temp = `${path}.${process.pid}.tmp`
  const handle = await open(temp, 'w')
  try {
    await handle.writeFile(JSON.stringify(state))
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temp, path)
}

/** A folder a restore is still being made in is no library yet, even once its database is in place. */
export function assertNoRestoreInProgress(libraryDir: string): void {
  if (!existsSync(join(libraryDir, RESTORE_DIR))) return
  throw new CastdeskError(
    'restore_incomplete',
    `A restore into ${libraryDir} did not finish, so it is not opened. Run the same "castdesk library restore … --library ${libraryDir}" again to finish it.`,
  )
}
