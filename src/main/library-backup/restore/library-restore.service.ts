import { existsSync, readdirSync } from 'node:fs'
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
import type { CredentialSource } from '../../storage/s3-credentials'
import type { Storage } from '../../storage/storage'
import { initStorage } from '../../storage/storage-identity'
import { SnapshotStore } from '../snapshot-store'
import { chooseSnapshot, fetchDatabase } from './restore-database'
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
  /** The new library folder: missing, empty, or holding an interrupted restore. */
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
  assertRestorable(target, staging)
  const targetExisted = existsSync(target)
  await mkdir(join(staging, 'tmp'), { recursive: true })
  const work = join(staging, 'tmp')
  const sourceOptions = {
    endpoint: request.endpoint,
    region: request.region,
    env: request.env,
    credentials: request.credentials,
    currentLibraryDir: request.currentLibraryDir,
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
        await fetchDatabase(store, manifest, join(staging, DATABASE_FILE), work, request.sqliteBinding)
        await writeStagedConfig(staging, manifest)
        state = { stage: 'media', manifest, problems: [], files: emptyCounts() }
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
    const counts = await commit(staging, target, request.sqliteBinding)
    const { manifest } = state
    return {
      library: target,
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

function assertRestorable(target: string, staging: string): void {
  if (!existsSync(target)) return
  const entries = readdirSync(target)
  if (existsSync(staging)) return
  if (entries.includes(DATABASE_FILE)) {
    throw new CastdeskError(
      'library_exists',
      `${target} already holds a Castdesk library; nothing was changed. Restore into a new, empty folder (--library NEWDIR).`,
    )
  }
  if (entries.length > 0) {
    throw new CastdeskError(
      'folder_not_empty',
      `${target} is not empty; nothing was changed. Restore into a new or empty folder (--library NEWDIR).`,
    )
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
  const config = readConfig(staging)
  const factory = { env: request.env, credentials: request.credentials }
  const destination = createStorage('default', config, target, factory)
  // The restored library's media folder is set up the one way a storage root is made (its marker
  // carries the snapshot's library id); a folder already marked for this library is kept as it is.
  await initStorage(
    destination,
    state.manifest.libraryId,
    (request.now ?? (() => new Date()))().toISOString(),
  )
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
    return { ...state, stage: 'commit', problems, files: counts }
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

/** The last step: config, then the database, renamed into place; then the staging folder goes. */
async function commit(staging: string, target: string, sqliteBinding?: string) {
  const stagedDb = join(staging, DATABASE_FILE)
  const finalDb = join(target, DATABASE_FILE)
  const db = openDatabase(existsSync(stagedDb) ? stagedDb : finalDb, MIGRATIONS, {
    nativeBinding: sqliteBinding,
  })
  const { counts } = readSnapshot(db)
  db.close()
  if (existsSync(join(staging, CONFIG_FILE_NAME)))
    await rename(join(staging, CONFIG_FILE_NAME), join(target, CONFIG_FILE_NAME))
  if (existsSync(stagedDb)) await rename(stagedDb, finalDb)
  await syncDir(target)
  await rm(staging, { recursive: true, force: true })
  return counts
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
