import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { DoctorCheck } from '../../shared/api/system.api'
import type { CastdeskConfig } from '../../shared/config-schema'
import { CastdeskError, toErrorBody } from '../../shared/errors'
import type { JobInfo } from '../../shared/media'
import { ImportService } from '../importer/import.service'
import { OwnFolders } from '../importer/own-folders'
import { audioEncodeJob } from '../jobs/handlers/audio-encode.job'
import { audioLoudnessJob } from '../jobs/handlers/audio-loudness.job'
import { audioPeaksJob } from '../jobs/handlers/audio-peaks.job'
import { imageRenditionsJob } from '../jobs/handlers/image-renditions.job'
import { verifyMediaJob } from '../jobs/handlers/verify-media.job'
import { videoPosterJob } from '../jobs/handlers/video-poster.job'
import { JobRunner } from '../jobs/job-runner'
import { JobsRepository } from '../jobs/jobs.repository'
import { cachedCheck, guardStorageWrites } from '../jobs/storage-guard'
import { assertNoRestoreInProgress } from '../library-backup/restore/restore-state'
import { Logger, logLevelFromEnv } from '../logging/logger'
import { secretValuesFromEnv } from '../logging/redact'
import { type ResolvedTool, resolveTool, type ToolName } from '../media/tools/tool-paths'
import { isProcessAlive, removeDeadProcessEntries } from '../platform/process-liveness'
import { createStorage } from '../storage/create-storage'
import { cleanUpUnlessUnsafe } from '../storage/local-containment'
import type { CredentialSource } from '../storage/s3-credentials'
import type { Storage } from '../storage/storage'
import { assertCatalogIntact, assertCatalogUsable, catalogOpenError } from './catalog-inspection'
import { type Clock, systemClock } from './clock'
import { readConfig, writeDefaultConfigIfMissing } from './config-file'
import { type Db, openDatabase } from './database'
import { assertSameLibrary, settleLibraryIdentity } from './library-identity'
import { MIGRATIONS } from './migrations'
import { BlobsRepository } from './repositories/blobs.repository'
import { MediaReadRepository } from './repositories/media-read.repository'
import { MediaWriteRepository } from './repositories/media-write.repository'
import { SearchIndexRepository } from './repositories/search-index.repository'
import { UsersRepository } from './repositories/users.repository'
import { type AudioServices, createAudioServices } from './services/audio-services'
import { type CatalogServices, createCatalogServices } from './services/catalog-services'
import { createImageServices, type ImageServices } from './services/image-services'
import { createPodcastServices, type PodcastServices } from './services/podcast-services'
import { reconcileRewrittenKey } from './services/rewritten-key'
import { createStorageServices, type StorageServices, storageFactoryDeps } from './services/storage-services'
import { createVideoServices, type VideoServices } from './services/video-services'
import { withStatementCache } from './statement-cache'

export const DATABASE_FILE = 'library.sqlite'

export interface LibraryOptions {
  /** Create the folder, config and database when they do not exist yet. */
  create?: boolean
  /** Where FFMPEG_PATH/FFPROBE_PATH and similar settings are read from. */
  env?: NodeJS.ProcessEnv
  clock?: Clock
  /** Background job concurrency (default: 2). */
  jobConcurrency?: number
  onJobUpdate?: (job: JobInfo) => void
  /** Where S3 credentials come from (the desktop keychain); by default the environment. */
  s3Credentials?: CredentialSource
  /** The desktop app's verdict on its keychain, shown by `doctor` (the CLI has none). */
  keychainCheck?: DoctorCheck
  /** better-sqlite3's addon built for Electron's ABI (the desktop app); Node uses its own build. */
  sqliteBinding?: string
  /** Run SQLite's page check before opening (serve, the desktop app); a damaged catalog is refused. */
  checkIntegrity?: boolean
  /** Create the database although the folder holds a library: only after the old file was kept aside. */
  newCatalog?: boolean
}

/** A library folder opened by this process: database, config, default storage, services. */
export class Library {
  readonly users: UsersRepository
  readonly blobs: BlobsRepository
  readonly mediaRead: MediaReadRepository
  readonly mediaWrite: MediaWriteRepository
  readonly jobsRepo: JobsRepository
  /** Search, paged listing, edits, ownership look-ups, API tokens. */
  readonly catalog: CatalogServices
  readonly log: Logger
  readonly keychainCheck: DoctorCheck | undefined
  readonly importer: ImportService
  readonly imaging: ImageServices
  readonly video: VideoServices
  readonly audio: AudioServices
  readonly storages: StorageServices
  /** The podcast, its episodes and publishing. */
  readonly podcasts: PodcastServices
  readonly jobs: JobRunner
  private readonly tools = new Map<ToolName, ResolvedTool>()

  private constructor(
    readonly dir: string,
    /** The library's UUID, the same in the database, the config and every storage marker. */
    readonly id: string,
    readonly config: CastdeskConfig,
    readonly db: Db,
    readonly storage: Storage,
    readonly clock: Clock,
    private readonly env: NodeJS.ProcessEnv,
    options: LibraryOptions,
  ) {
    this.keychainCheck = options.keychainCheck
    this.log = new Logger(join(dir, 'logs'), {
      secrets: secretValuesFromEnv(env),
      level: logLevelFromEnv(env),
    })
    this.users = new UsersRepository(db)
    // Compiled once: an import runs each of their statements for every file.
    this.blobs = new BlobsRepository(withStatementCache(db))
    this.mediaRead = new MediaReadRepository(withStatementCache(db), (key) => storage.shownPath(key))
    this.mediaWrite = new MediaWriteRepository(withStatementCache(db))
    this.jobsRepo = new JobsRepository(withStatementCache(db))
    this.catalog = createCatalogServices(db)
    this.storages = createStorageServices({
      db,
      config,
      dir,
      libraryId: id,
      clock,
      env,
      credentials: options.s3Credentials,
      defaultStorage: storage,
      stagingDir: this.stagingDir,
    })
    this.importer = new ImportService({
      repos: { db, blobs: this.blobs, media: this.mediaWrite, searchIndex: new SearchIndexRepository(db) },
      storage,
      clock,
      limits: config.uploadLimits,
      stagingDir: this.stagingDir,
      ffprobePath: () => this.tool('ffprobe').path,
      afterImport: (id, type) => {
        if (type === 'video') this.video.posters.queue(id)
        if (type === 'audio') {
          this.audio.peaks.queue(id)
          this.audio.loudness.queue(id)
        }
      },
      restoreFromTrash: (ownerId, mediaId) => this.storages.trash.restore(ownerId, mediaId),
      checkStorage: () => this.storages.identity.require(['default']),
      ownFolders: () => OwnFolders.of(dir, this.storages.registry.localRoots()),
      itemOfKey: (_storage, key) => this.blobs.mediaIdOfKey(key),
    })
    this.imaging = createImageServices({
      db,
      blobs: this.blobs,
      jobs: this.jobsRepo,
      storage,
      config,
      clock,
      stagingDir: this.stagingDir,
    })
    this.video = createVideoServices({
      db,
      blobs: this.blobs,
      media: this.mediaWrite,
      renditions: this.imaging.storedRenditions,
      jobs: this.jobsRepo,
      storage,
      clock,
      stagingDir: this.stagingDir,
      ffmpegPath: () => this.tool('ffmpeg').path,
    })
    this.audio = createAudioServices({
      db,
      blobs: this.blobs,
      jobs: this.jobsRepo,
      storage,
      config,
      clock,
      stagingDir: this.stagingDir,
      tool: (name) => this.tool(name).path,
      jobConcurrency: options.jobConcurrency ?? 2,
    })
    this.podcasts = createPodcastServices({
      db,
      clock,
      jobs: this.jobsRepo,
      imaging: this.imaging,
      audios: this.audio.audios,
      storage,
      sync: this.storages.sync,
      publishDir: join(dir, 'publish'),
    })
    this.jobs = new JobRunner(
      this.jobsRepo,
      guardStorageWrites(
        {
          'media.verify': verifyMediaJob({ blobsOf: (id) => this.blobs.forMedia(id), storage }),
          'image.renditions': imageRenditionsJob(this.imaging.renditions),
          'video.poster': videoPosterJob(this.video.posters),
          'audio.peaks': audioPeaksJob(this.audio.peaks),
          'audio.loudness': audioLoudnessJob(this.audio.loudness),
          'audio.encode': audioEncodeJob({
            encoder: this.audio.encoder,
            cancelRequested: (jobId) => this.jobsRepo.cancelRequested(jobId),
          }),
        },
        cachedCheck(
          () => this.storages.identity.require(['default']),
          () => performance.now(),
        ),
      ),
      clock,
      {
        concurrency: options.jobConcurrency ?? 2,
        onUpdate: (job) => this.jobUpdated(job, options.onJobUpdate),
        onLoopError: (error) => this.log.error('jobs.loop_failed', { ...toErrorBody(error) }),
      },
    )
  }

  static async open(dir: string, options: LibraryOptions = {}): Promise<Library> {
    const root = resolve(dir)
    assertNoRestoreInProgress(root)
    const dbPath = join(root, DATABASE_FILE)
    // Before SQLite touches the file: it would turn a missing or empty one into an empty catalog.
    const isNew = isFresh(root, dbPath, options)
    if (isNew) {
      if (!options.create) {
        throw new CastdeskError(
          'not_found',
          `There is no Castdesk library in ${root}. Run "castdesk init" (or pass --library DIR) to create one.`,
        )
      }
      mkdirSync(root, { recursive: true })
      writeDefaultConfigIfMissing(root)
    }
    const config = readConfig(root)
    let db: Db
    try {
      db = openDatabase(dbPath, MIGRATIONS, {
        nativeBinding: options.sqliteBinding,
        beforeWrite: (opened) => assertSameLibrary(root, opened),
      })
    } catch (error) {
      throw catalogOpenError(error, dbPath)
    }
    const env = options.env ?? process.env
    const clock = options.clock ?? systemClock
    let storage: Storage
    let id: string
    try {
      if (options.checkIntegrity) assertCatalogIntact(db, dbPath)
      id = await settleLibraryIdentity(root, db, clock.now().toISOString())
      const deps = storageFactoryDeps(db, options.clock ?? systemClock, env, options.s3Credentials)
      storage = createStorage('default', config, root, deps)
    } catch (error) {
      db.close()
      throw catalogOpenError(error, dbPath)
    }
    const library = new Library(root, id, { ...config, libraryId: id }, db, storage, clock, env, options)
    try {
      // `init` sets up the library's own media folder the one way a storage root is made; when that
      // fails (an S3 default offline), commands refuse the storage and say to run `storages init`.
      if (isNew)
        await library.storages.identity.init('default').catch((error: unknown) => {
          library.log.warn('storage.init_failed', { storage: 'default', message: (error as Error).message })
        })
      await library.storages.identity.settleUpgrade(isNew)
      await library.recover()
    } catch (error) {
      library.close()
      throw error
    }
    return library
  }

  /** Where this process stages incoming files before they are stored. */
  get stagingDir(): string {
    return join(this.dir, 'tmp', String(process.pid))
  }

  /** The ffmpeg or ffprobe binary in use; resolved on first use, so image work needs neither. */
  tool(name: ToolName): ResolvedTool {
    let found = this.tools.get(name)
    if (!found) {
      found = resolveTool(name, this.env)
      this.tools.set(name, found)
    }
    return found
  }

  private jobUpdated(job: JobInfo, listener?: (job: JobInfo) => void): void {
    if (job.state === 'failed') this.log.error('job.failed', { id: job.id, kind: job.kind, ...job.error })
    else if (job.state === 'done') this.log.info('job.done', { id: job.id, kind: job.kind })
    listener?.(job)
  }

  close(): void {
    this.imaging.executor.close()
    if (this.db.open) this.db.close()
  }

  /** Undoes what crashed processes left half done: reserved keys, staged files, running jobs. */
  private async recover(): Promise<void> {
    for (const reservation of this.blobs.reservations()) {
      if (notThisOrDead(reservation.pid)) continue
      const { key } = reservation
      if (!reservation.landed) await cleanUpUnlessUnsafe(() => this.storage.delete(key), this.warn)
      else await this.reconcileLanded(reservation.key)
      this.blobs.releaseKey(reservation.key)
    }
    await removeDeadProcessEntries(join(this.dir, 'tmp'), notThisOrDead)
    await cleanUpUnlessUnsafe(async () => this.storage.removeAbandonedWrites?.(notThisOrDead), this.warn)
    this.jobsRepo.requeueInterrupted(notThisOrDead, this.clock.now().toISOString())
  }

  private readonly warn = (event: string, fields: Record<string, unknown>) => this.log.warn(event, fields)

  /** A landed key may be a file replaced in place whose row was not updated yet (chapters written). */
  private async reconcileLanded(key: string): Promise<void> {
    try {
      if (await reconcileRewrittenKey(this.blobs, this.storage, key))
        this.log.warn('recover.rewritten', { key })
    } catch (error) {
      this.log.error('recover.rewritten_failed', { key, message: (error as Error).message })
    }
  }
}

/** No library here yet (nothing to lose): the caller may create one. Refuses one it cannot trust. */
function isFresh(root: string, dbPath: string, options: LibraryOptions): boolean {
  if (options.newCatalog) return !existsSync(dbPath)
  try {
    return assertCatalogUsable(root, dbPath, readConfig(root), options.sqliteBinding)
  } catch (error) {
    throw catalogOpenError(error, dbPath)
  }
}

/** At open, nothing is in flight in this process yet: entries with our pid are a dead namesake's. */
function notThisOrDead(pid: number): boolean {
  return pid !== process.pid && isProcessAlive(pid)
}
