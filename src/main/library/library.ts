import { existsSync, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { CastdeskConfig } from '../../shared/config-schema'
import { CastdeskError } from '../../shared/errors'
import type { JobInfo } from '../../shared/media'
import { ImportService } from '../importer/import.service'
import { imageRenditionsJob } from '../jobs/handlers/image-renditions.job'
import { verifyMediaJob } from '../jobs/handlers/verify-media.job'
import { JobRunner } from '../jobs/job-runner'
import { JobsRepository } from '../jobs/jobs.repository'
import { type ResolvedTool, resolveTool, type ToolName } from '../media/tools/tool-paths'
import { isProcessAlive, removeDeadProcessEntries } from '../platform/process-liveness'
import { createStorage } from '../storage/create-storage'
import type { Storage } from '../storage/storage'
import { type Clock, systemClock } from './clock'
import { readConfig, writeDefaultConfigIfMissing } from './config-file'
import { type Db, openDatabase } from './database'
import { BlobsRepository } from './repositories/blobs.repository'
import { MediaReadRepository } from './repositories/media-read.repository'
import { MediaWriteRepository } from './repositories/media-write.repository'
import { UsersRepository } from './repositories/users.repository'
import { createImageServices, type ImageServices } from './services/image-services'

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
}

/** A library folder opened by this process: database, config, default storage, services. */
export class Library {
  readonly users: UsersRepository
  readonly blobs: BlobsRepository
  readonly mediaRead: MediaReadRepository
  readonly mediaWrite: MediaWriteRepository
  readonly jobsRepo: JobsRepository
  readonly importer: ImportService
  readonly imaging: ImageServices
  readonly jobs: JobRunner
  private readonly tools = new Map<ToolName, ResolvedTool>()

  private constructor(
    readonly dir: string,
    readonly config: CastdeskConfig,
    readonly db: Db,
    readonly storage: Storage,
    readonly clock: Clock,
    private readonly env: NodeJS.ProcessEnv,
    options: LibraryOptions,
  ) {
    this.users = new UsersRepository(db)
    this.blobs = new BlobsRepository(db)
    this.mediaRead = new MediaReadRepository(db, (key) => storage.localPath(key))
    this.mediaWrite = new MediaWriteRepository(db)
    this.jobsRepo = new JobsRepository(db)
    this.importer = new ImportService({
      repos: { db, blobs: this.blobs, media: this.mediaWrite },
      storage,
      clock,
      limits: config.uploadLimits,
      stagingDir: this.stagingDir,
      ffprobePath: () => this.tool('ffprobe').path,
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
    this.jobs = new JobRunner(
      this.jobsRepo,
      {
        'media.verify': verifyMediaJob({ blobsOf: (id) => this.blobs.forMedia(id), storage }),
        'image.renditions': imageRenditionsJob(this.imaging.renditions),
      },
      clock,
      { concurrency: options.jobConcurrency ?? 2, onUpdate: options.onJobUpdate },
    )
  }

  static async open(dir: string, options: LibraryOptions = {}): Promise<Library> {
    const root = resolve(dir)
    const dbPath = join(root, DATABASE_FILE)
    if (!existsSync(dbPath)) {
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
    const storage = createStorage('default', config, root)
    const db = openDatabase(dbPath)
    const library = new Library(
      root,
      config,
      db,
      storage,
      options.clock ?? systemClock,
      options.env ?? process.env,
      options,
    )
    try {
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

  close(): void {
    if (this.db.open) this.db.close()
  }

  /** Undoes what crashed processes left half done: reserved keys, staged files, running jobs. */
  private async recover(): Promise<void> {
    for (const reservation of this.blobs.reservations()) {
      if (notThisOrDead(reservation.pid)) continue
      if (!reservation.landed) await this.storage.delete(reservation.key)
      this.blobs.releaseKey(reservation.key)
    }
    await removeDeadProcessEntries(join(this.dir, 'tmp'), notThisOrDead)
    await this.storage.removeAbandonedWrites?.(notThisOrDead)
    this.jobsRepo.requeueInterrupted(notThisOrDead, this.clock.now().toISOString())
  }
}

/** At open, nothing is in flight in this process yet: entries with our pid are a dead namesake's. */
function notThisOrDead(pid: number): boolean {
  return pid !== process.pid && isProcessAlive(pid)
}
