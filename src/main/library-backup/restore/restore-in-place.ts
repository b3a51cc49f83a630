import { existsSync, readdirSync } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { SnapshotManifest } from '../../../shared/api/library-backup.api'
import type { CastdeskConfig } from '../../../shared/config-schema'
import { CastdeskError } from '../../../shared/errors'
import { CONFIG_FILE_NAME, readConfig } from '../../library/config-file'
import { DATABASE_FILE } from '../../library/library'
import { assertCatalogReplaceable, setAsideDatabase, timeStamp } from '../../library/new-catalog'
import { createStorage } from '../../storage/create-storage'
import type { S3StorageFactoryDeps } from '../../storage/s3-storage'
import { assertStorageIdentity } from '../../storage/storage-identity'
import { readState } from './restore-state'

/**
 * `new`: the target is missing or empty (or holds a restore of its own that was interrupted).
 * `in_place`: the target is a library whose catalog is refused (missing, 0 bytes, damaged, or of
 * another library): only the catalog is brought back, the media already there are checked and kept.
 */
export type RestoreMode = 'new' | 'in_place'

/**
 * Which restore the target folder allows. A library whose catalog opens fine is refused
 * (`library_exists`): restoring over it would replace the library, not repair it.
 */
export async function restoreMode(
  target: string,
  staging: string,
  sqliteBinding?: string,
): Promise<RestoreMode> {
  if (!existsSync(target)) return 'new'
  const holdsLibrary = existsSync(join(target, DATABASE_FILE)) || existsSync(join(target, CONFIG_FILE_NAME))
  if (existsSync(staging)) {
    const state = readState(staging)
    // Checked when that restore began; the catalog is untouched until the commit.
    if (state) return state.inPlace ? 'in_place' : 'new'
    // Nothing usable was staged (a crash before the snapshot was checked): start over.
    await rm(staging, { recursive: true, force: true })
  }
  if (holdsLibrary) {
    await assertCatalogReplaceable(
      target,
      { sqliteBinding },
      `The catalog in ${target} opens fine, so restoring over it would replace your library, not repair it. Nothing was changed. To look at an older snapshot, restore it into a new, empty folder (--library NEWDIR).`,
    )
    return 'in_place'
  }
  if (readdirSync(target).length > 0) {
    throw new CastdeskError(
      'folder_not_empty',
      `${target} is not empty and holds no library; nothing was changed. Restore into a new or empty folder (--library NEWDIR).`,
    )
  }
  return 'new'
}

/** The target library's own config, when it can be read (in place it names the storages, backup included). */
export function targetConfig(target: string): CastdeskConfig | null {
  if (!existsSync(join(target, CONFIG_FILE_NAME))) return null
  try {
    return readConfig(target)
  } catch {
    return null
  }
}

/**
 * In place, the media folder must be there and this library's before anything is staged: a disk not
 * mounted is refused (never filled with a second copy), and the folder is left as it was found.
 */
export async function assertMediaInPlace(target: string, factory: S3StorageFactoryDeps): Promise<void> {
  const config = targetConfig(target)
  if (!config?.libraryId || !config.storages.default) return
  const media = createStorage('default', config, target, factory)
  try {
    await assertStorageIdentity(media, config.libraryId)
  } finally {
    await (media as { close?: () => Promise<void> }).close?.()
  }
}

/** In place, a snapshot of another library is refused before anything is fetched. */
export function assertSameLibrary(target: string, manifest: SnapshotManifest): void {
  const id = targetConfig(target)?.libraryId
  if (!id || id === manifest.libraryId) return
  throw new CastdeskError(
    'library_mismatch',
    `Snapshot ${manifest.name} is of library ${manifest.libraryId}, but ${target} is library ${id}; nothing was changed. Restore a snapshot of this library (castdesk library backups lists them), or restore into a new, empty folder (--library NEWDIR).`,
  )
}

/**
 * The last step in place: the refused database (and its -wal, -shm) renamed beside it as
 * `library.sqlite.before-restore-<UTC time>`, never deleted; the library's own config kept when it
 * is this library's (it names the storages as they are now), else set aside and the snapshot's used;
 * then the checked database renamed into place. Returns the paths set aside.
 */
export async function commitInPlace(
  staging: string,
  target: string,
  libraryId: string,
  now: Date,
): Promise<string[]> {
  const stamp = timeStamp(now)
  const stagedDb = join(staging, DATABASE_FILE)
  const finalDb = join(target, DATABASE_FILE)
  const kept: string[] = []
  if (existsSync(stagedDb)) kept.push(...setAsideDatabase(finalDb, `before-restore-${stamp}`))
  const stagedConfig = join(staging, CONFIG_FILE_NAME)
  const finalConfig = join(target, CONFIG_FILE_NAME)
  if (existsSync(stagedConfig)) {
    if (targetConfig(target)?.libraryId === libraryId) await rm(stagedConfig, { force: true })
    else {
      if (existsSync(finalConfig)) {
        const aside = `${finalConfig}.before-restore-${stamp}`
        await rename(finalConfig, aside)
        kept.push(aside)
      }
      await rename(stagedConfig, finalConfig)
    }
  }
  if (existsSync(stagedDb)) await rename(stagedDb, finalDb)
  return kept
}
