import { existsSync } from 'node:fs'
import { mkdir, open, rename, rm } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { SnapshotManifest } from '../../../shared/api/library-backup.api'
import { configSchema } from '../../../shared/config-schema'
import { CastdeskError } from '../../../shared/errors'
import { JobsRepository } from '../../jobs/jobs.repository'
import { CONFIG_FILE_NAME, readConfig } from '../../library/config-file'
import { openDatabase } from '../../library/database'
import { DATABASE_FILE } from '../../library/library'
import { MIGRATIONS } from '../../library/migrations'
import { readSnapshot } from '../../library/repositories/library-snapshot.repository'
import {
  type ReferencedFile,
  RestorePlanRepository,
} from '../../library/repositories/restore-plan.repository'
import { createStorage } from '../../storage/create-storage'
import { quarantineOf } from '../../storage/quarantine/quarantine.service'
import { batchIdAt } from '../../storage/quarantine/quarantine-names'
import type { CredentialSource } from '../../storage/s3-credentials'
import type { Storage } from '../../storage/storage'
import { assertStorageIdentity, initStorage } from '../../storage/storage-identity'
import { SnapshotStore } from '../snapshot-store'
import { chooseSnapshot, fetchDatabase } from './restore-database'
import {
  assertMediaInPlace,
  assertSameLibrary,
  commitInPlace,
  restoreMode,
  targetConfig,
} from './restore-in-place'
import { copyReferencedFiles, type FileOutcome } from './restore-media'
import type { RestoreProblem, RestoreReport } from './restore-report'
import { openSource } from './restore-source'
import { RESTORE_DIR, type RestoreState, readState, writeState } from './restore-state'

export interface RestoreRequest {
  /** A folder, `s3://bucket/prefix`, or a storage of the current library. */
  from: string
  /** A snapshot name (castdesk library backups); default the newest verified one. */
  snapshot?: string
  /** Where the media are (same forms as `from`); default `from`, then the restored config's `production`. */
  mediaFrom?: string
  /**
   * The library folder: missing, empty, holding an interrupted restore, or a library whose catalog
   * is refused (missing, damaged, of another library), which is then repaired in place.
   */
  target: string
  endpoint?: string
  region?: string
  env: NodeJS.ProcessEnv
  credentials?: CredentialSource
  currentLibraryDir?: string
  /** better-sqlite3's addon for Electron's ABI (the desktop app). */
  sqliteBinding?: string
  now?: () => Date
  onProgress?: (event: {
    stage: 'database' | 'media' | 'commit'
    done: number
    total: number
    detail?: string
  }) => void
}

/**
 * `castdesk library restore` (and the desktop app's "Restore a library from a backup"): the
 * snapshot is fetched and checked, then every referenced file copied and checked, all inside
 * `<target>/.restore-in-progress`; only the last step renames the database into place, so an
 * interrupted restore is never a library that opens, and running it again goes on where it stopped.
 */
export async function restoreLibrary(request: RestoreRequest): Promise<RestoreReport> {
  const target = resolve(request.target)
  const staging = join(target, RESTORE_DIR)
  const mode = await restoreMode(target, staging, request.sqliteBinding)
  const inPlace = mode === 'in_place'
  if (inPlace && !existsSync(staging))
    await assertMediaInPlace(target, { env: request.env, credentials: request.credentials })
  const targetExisted = existsSync(target)
  await mkdir(join(staging, 'tmp'), { recursive: true })
  const work = join(staging, 'tmp')
  const sourceOptions = {
    endpoint: request.endpoint,
    region: request.region,
    env: request.env,
    credentials: request.credentials,
    // In place, a storage name is one of the library being repaired (its `backup`).
    currentLibraryDir: inPlace ? target : request.currentLibraryDir,
    stagingDir: work,
  }
  let state = readState(staging)
  const resumed = state !== null
  if (state && request.snapshot && state.manifest.name !== request.snapshot) {
    throw new CastdeskError(
      'invalid_input',
      `${target} holds an interrupted restore of snapshot ${state.manifest.name}; run the same restore again to finish it, or restore ${request.snapshot} into another folder.`,
    )
  }
  const source = openSource(request.from, sourceOptions)
  try {
    if (!state) {
      request.onProgress?.({ stage: 'database', done: 0, total: 1 })
      try {
        const store = new SnapshotStore(source)
        const manifest = await chooseSnapshot(store, request.snapshot)
        if (inPlace) assertSameLibrary(target, manifest)
        await fetchDatabase(store, manifest, join(staging, DATABASE_FILE), work, request.sqliteBinding)
        await writeStagedConfig(staging, manifest)
        state = { stage: 'media', inPlace, manifest, problems: [], files: emptyCounts(), replaced: null }
        await writeState(staging, state)
      } catch (error) {
        // Nothing usable was staged: leave the folder as it was found.
        await rm(staging, { recursive: true, force: true })
        if (!targetExisted) await rm(target, { recursive: true, force: true })
        throw error
      }
    }
    if (state.stage === 'media') {
      state = await restoreMedia(state, staging, target, source, request, sourceOptions)
      await writeState(staging, state)
    }
    request.onProgress?.({ stage: 'commit', done: 0, total: 1 })
    const { counts, kept } = await commit(staging, target, state, request)
    const { manifest } = state
    return {
      library: target,
      inPlace,
      kept,
      replaced: state.replaced ?? null,
      snapshot: {
        name: manifest.name,
        time: manifest.time,
        schemaVersion: manifest.schemaVersion,
        libraryId: manifest.libraryId,
      },
      resumed,
      items: counts.image + counts.audio + counts.video + counts.file,
      counts,
      files: state.files,
      problems: state.problems,
    }
  } finally {
    await closeStorage(source)
  }
}

/** The snapshot's config, with the library id it carries: the restored library stays the same library. */
async function writeStagedConfig(staging: string, manifest: SnapshotManifest): Promise<void> {
  const config = { ...manifest.config, libraryId: manifest.libraryId }
  if (!configSchema.safeParse(config).success) {
    throw new CastdeskError(
      'snapshot_damaged',
      `The castdesk.config.json in snapshot ${manifest.name} is not valid for this Castdesk.`,
    )
  }
  await writeFileSynced(join(staging, CONFIG_FILE_NAME), `${JSON.stringify(config, null, 2)}\n`)
}

async function restoreMedia(
  state: RestoreState,
  staging: string,
  target: string,
  source: Storage,
  request: RestoreRequest,
  sourceOptions: Parameters<typeof openSource>[1],
): Promise<RestoreState> {
  const libraryId = state.manifest.libraryId
  const now = (request.now ?? (() => new Date()))()
  const own = state.inPlace ? targetConfig(target) : null
  const config = own?.libraryId === libraryId ? own : readConfig(staging)
  const factory = { env: request.env, credentials: request.credentials }
  const destination = createStorage('default', config, target, factory)
  // In place the media folder must be this library's (a disk not mounted is refused, never filled);
  // a new library's is set up the one way a storage root is made (its marker carries the library id).
  if (state.inPlace) await assertStorageIdentity(destination, libraryId)
  else await initStorage(destination, libraryId, now.toISOString())
  const quarantine = quarantineOf(destination)
  const batch = batchIdAt(now)
  const replaced = { keys: [] as string[], bytes: 0 }
  const sources: Storage[] = request.mediaFrom
    ? [openSource(request.mediaFrom, sourceOptions)]
    : [source, ...(config.storages.production ? [createStorage('production', config, target, factory)] : [])]
  const db = openDatabase(join(staging, DATABASE_FILE), MIGRATIONS, { nativeBinding: request.sqliteBinding })
  try {
    const plan = new RestorePlanRepository(db)
    const files = plan.referencedFiles()
    let done = 0
    const outcomes = await copyReferencedFiles(files, {
      sources,
      target: destination,
      workDir: join(staging, 'tmp'),
      // In place, a file at the key with other bytes (newer than the snapshot) is kept in the quarantine.
      keepReplaced: async (key) => {
        const moved = await quarantine.moveIn(batch, key)
        if (moved) {
          replaced.keys.push(key)
          replaced.bytes += moved.size
        }
      },
      onFile: (file) =>
        request.onProgress?.({ stage: 'media', done: ++done, total: files.length, detail: file.key }),
    })
    const counts = emptyCounts()
    counts.total = files.length
    const problems: RestoreProblem[] = []
    const lost: ReferencedFile[] = []
    for (const file of files) {
      const outcome = outcomes.get(file.key) as FileOutcome
      if (outcome === 'restored' || outcome === 'present') counts[outcome]++
      else if (file.role === 'rendition') lost.push(file)
      else {
        counts[outcome]++
        problems.push({
          key: file.key,
          mediaId: file.mediaId,
          type: file.type,
          title: file.title,
          problem: outcome,
        })
      }
    }
    counts.requeued = requeueRenditions(db, plan, lost, (request.now ?? (() => new Date()))().toISOString())
    const note =
      replaced.keys.length === 0
        ? (state.replaced ?? null)
        : {
            storage: destination.name,
            batch,
            location: quarantine.location(batch),
            files: replaced.keys.length,
            bytes: replaced.bytes,
            restore: `castdesk quarantine restore ${batch} --storage ${destination.name}`,
          }
    return { ...state, stage: 'commit', problems, files: counts, replaced: note }
  } finally {
    db.close()
    await Promise.all([...sources, destination].filter((s) => s !== source).map(closeStorage))
  }
}

/** Renditions the sources lack are forgotten and queued to be made again, one job per image. */
function requeueRenditions(
  db: ReturnType<typeof openDatabase>,
  plan: RestorePlanRepository,
  lost: readonly ReferencedFile[],
  now: string,
): number {
  const jobs = new JobsRepository(db)
  let requeued = 0
  db.transaction(() => {
    const byImage = new Map<number, { ownerId: number; specs: string[] }>()
    for (const file of lost) {
      const dropped = plan.dropRendition(file.key)
      if (!dropped) continue
      requeued++
      const entry = byImage.get(dropped.imageId) ?? { ownerId: file.ownerId, specs: [] }
      entry.specs.push(dropped.spec)
      byImage.set(dropped.imageId, entry)
    }
    for (const [imageId, { ownerId, specs }] of byImage)
      jobs.enqueue('image.renditions', { ownerId, imageId, specs }, now, { ownerId })
  })()
  return requeued
}

/**
 * The last step: config, then the database, renamed into place (in place: the refused catalog set
 * aside first); then the staging folder goes.
 */
async function commit(staging: string, target: string, state: RestoreState, request: RestoreRequest) {
  const stagedDb = join(staging, DATABASE_FILE)
  const finalDb = join(target, DATABASE_FILE)
  const db = openDatabase(existsSync(stagedDb) ? stagedDb : finalDb, MIGRATIONS, {
    nativeBinding: request.sqliteBinding,
  })
  const { counts } = readSnapshot(db)
  db.close()
  let kept: string[] = []
  if (state.inPlace) {
    const now = (request.now ?? (() => new Date()))()
    kept = await commitInPlace(staging, target, state.manifest.libraryId, now)
  } else {
    if (existsSync(join(staging, CONFIG_FILE_NAME)))
      await rename(join(staging, CONFIG_FILE_NAME), join(target, CONFIG_FILE_NAME))
    if (existsSync(stagedDb)) await rename(stagedDb, finalDb)
  }
  await syncDir(target)
  await rm(staging, { recursive: true, force: true })
  return { counts, kept }
}

function emptyCounts(): RestoreState['files'] {
  return { total: 0, restored: 0, present: 0, missing: 0, mismatched: 0, requeued: 0 }
}

async function writeFileSynced(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`
  const handle = await open(temp, 'w')
  try {
    await handle.writeFile(text)
    await handle.sync()
  } finally {
    await handle.close()
  }
  await rename(temp, path)
}

async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Some platforms cannot open a folder for syncing; the renames are still atomic.
  }
}

async function closeStorage(storage: Storage): Promise<void> {
  const closable = storage as Storage & { close?: () => Promise<void> }
  await closable.close?.()
}
