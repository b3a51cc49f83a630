import { createReadStream, createWriteStream } from 'node:fs'
import { rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import Database from 'better-sqlite3'
import type { SnapshotManifest } from '../../../shared/api/library-backup.api'
import { CastdeskError } from '../../../shared/errors'
import { openDatabase } from '../../library/database'
import { MIGRATIONS } from '../../library/migrations'
import { readSnapshot } from '../../library/repositories/library-snapshot.repository'
import { sqliteAddon } from '../../library/sqlite-addon'
import { zlib } from '../../platform/builtins'
import { fsyncPath, writeTempFile } from '../../storage/atomic-file'
import { dataKey } from '../snapshot-layout'
import type { SnapshotStore } from '../snapshot-store'
import { hashing } from '../snapshot-writer'

/** The snapshot to restore: the one named, else the newest verified one. */
export async function chooseSnapshot(store: SnapshotStore, name?: string): Promise<SnapshotManifest> {
  const listed = await store.list()
  const wanted = name ? listed.find((s) => s.name === name) : listed.find((s) => s.verified)
  if (!wanted) {
    const known = listed.map((s) => `${s.name}${s.verified ? '' : ' (not verified)'}`).join(', ')
    throw new CastdeskError(
      'not_found',
      name
        ? `There is no snapshot "${name}" in ${store.storage.name}. There are: ${known || 'none'}.`
        : `There is no verified library snapshot in ${store.storage.name}${known ? ` (only ${known})` : ''}. Make one with "castdesk library backup", or name the right backup location.`,
    )
  }
  if (!wanted.verified) {
    throw new CastdeskError(
      'snapshot_damaged',
      `Snapshot ${wanted.name} was never verified (its upload may have been interrupted); choose another one (castdesk library backups).`,
    )
  }
  return store.manifest(wanted.name)
}

/**
 * Fetches a snapshot into `into` (a library.sqlite that is complete and checked when this returns):
 * its SHA-256 against the manifest, SQLite's integrity check, a schema not newer than this
 * Castdesk (an older one is migrated), and the library id the manifest names.
 */
export async function fetchDatabase(
  store: SnapshotStore,
  manifest: SnapshotManifest,
  into: string,
  workDir: string,
  sqliteBinding?: string,
): Promise<void> {
  const fetched = await writeTempFile(await store.storage.get(dataKey(manifest.name)), workDir)
  const partial = `${into}.partial`
  try {
    if (fetched.sha256 !== manifest.sha256) {
      throw damaged(
        manifest,
        `its SHA-256 is ${fetched.sha256.slice(0, 12)}…, the manifest says ${manifest.sha256.slice(0, 12)}…`,
      )
    }
    await rm(partial, { force: true })
    const raw = hashing()
    try {
      await pipeline(
        createReadStream(fetched.path),
        zlib().createGunzip(),
        raw.stream,
        createWriteStream(partial),
      )
    } catch (error) {
      throw damaged(manifest, `it does not decompress (${(error as Error).message})`)
    }
    if (raw.digest() !== manifest.databaseSha256)
      throw damaged(manifest, 'the database inside differs from the one recorded')
    checkDatabase(partial, manifest, sqliteBinding)
    openDatabase(partial, MIGRATIONS, { nativeBinding: sqliteBinding }).close()
    await fsyncPath(partial)
    await rename(partial, into)
  } finally {
    await rm(fetched.path, { force: true })
    await rm(partial, { force: true })
  }
}

function checkDatabase(path: string, manifest: SnapshotManifest, sqliteBinding?: string): void {
  const addon = sqliteAddon(sqliteBinding)
  const db = new Database(path, { readonly: true, ...(addon ? { nativeBinding: addon } : {}) })
  try {
    const facts = readSnapshot(db)
    if (facts.integrity !== 'ok')
      throw damaged(manifest, `SQLite's integrity check fails: ${facts.integrity.slice(0, 200)}`)
    if (facts.libraryId !== manifest.libraryId)
      throw damaged(manifest, `it holds library ${facts.libraryId}, the manifest names ${manifest.libraryId}`)
    const latest = MIGRATIONS.at(-1)?.version ?? 0
    if (facts.schemaVersion > latest) {
      throw new CastdeskError(
        'database_too_new',
        `Snapshot ${manifest.name} has schema version ${facts.schemaVersion}, but this Castdesk knows only up to ${latest}. Update Castdesk, then restore again; nothing was written.`,
      )
    }
  } finally {
    db.close()
  }
}

function damaged(manifest: SnapshotManifest, why: string): CastdeskError {
  return new CastdeskError(
    'snapshot_damaged',
    `Library snapshot ${manifest.name} cannot be used: ${why}. Restore another one (castdesk library backups lists them; --snapshot NAME).`,
  )
}

export const STAGED_DATABASE = (stagingDir: string): string => join(stagingDir, 'library.sqlite')
