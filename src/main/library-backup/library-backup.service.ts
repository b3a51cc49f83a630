import { existsSync, readFileSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { BackupOutcome, SnapshotManifest, StorageSnapshots } from '../../shared/api/library-backup.api'
import { configSchema, type LibraryBackupConfig } from '../../shared/config-schema'
import { toErrorBody } from '../../shared/errors'
import { CONFIG_FILE_NAME } from '../library/config-file'
import type { Db } from '../library/database'
import type { Logger } from '../logging/logger'
import type { StorageRegistry } from '../storage/storage-registry'
import { snapshotsToPrune } from './retention-planner'
import { snapshotName } from './snapshot-layout'
import { SnapshotStore } from './snapshot-store'
import { writeSnapshot } from './snapshot-writer'

export interface LibraryBackupDeps {
  db: Db
  storages: StorageRegistry
  settings: LibraryBackupConfig
  libraryDir: string
  /** Where the snapshot is written before upload (the process's staging folder). */
  workDir: string
  now: () => Date
  log: Logger
}

/** `castdesk library backup|backups`: snapshots of the library database in the backup storages. */
export class LibraryBackupService {
  constructor(private readonly deps: LibraryBackupDeps) {}

  /** Every storage named `backup` or listed in libraryBackup.storages that is configured. */
  backupStorages(): string[] {
    const names = new Set(['backup', ...this.deps.settings.storages])
    return [...names].filter((name) => this.deps.storages.has(name))
  }

  isBackupStorage(name: string): boolean {
    return this.backupStorages().includes(name)
  }

  /** One snapshot, uploaded to each storage and read back there; then the retention rules. */
  async backup(to?: readonly string[]): Promise<BackupOutcome[]> {
    const targets = to?.length ? [...new Set(to)] : this.backupStorages()
    if (targets.length === 0) {
      this.deps.storages.require(['backup'], 'castdesk library backup')
    }
    this.deps.storages.require(targets, 'castdesk library backup')
    const time = this.deps.now()
    const written = await writeSnapshot(this.deps.db, this.deps.workDir)
    try {
      const manifest: SnapshotManifest = {
        format: 1,
        name: snapshotName(time, written.sha256),
        time: time.toISOString(),
        size: written.size,
        sha256: written.sha256,
        databaseSize: written.databaseSize,
        databaseSha256: written.databaseSha256,
        schemaVersion: written.schemaVersion,
        libraryId: written.libraryId,
        counts: written.counts,
        config: this.configForSnapshot(written.libraryId),
        verified: true,
      }
      const outcomes: BackupOutcome[] = []
      for (const name of targets) outcomes.push(await this.uploadTo(name, written.path, manifest))
      return outcomes
    } finally {
      await rm(written.path, { force: true })
    }
  }

  async list(from?: string): Promise<StorageSnapshots[]> {
    const names = from ? [from] : this.backupStorages()
    if (from) this.deps.storages.require([from], 'castdesk library backups')
    const result: StorageSnapshots[] = []
    for (const name of names) {
      try {
        const snapshots = await new SnapshotStore(this.deps.storages.get(name)).list()
        result.push({ storage: name, snapshots, error: null })
      } catch (error) {
        result.push({ storage: name, snapshots: [], error: toErrorBody(error) })
      }
    }
    return result
  }

  private async uploadTo(name: string, path: string, manifest: SnapshotManifest): Promise<BackupOutcome> {
    const store = new SnapshotStore(this.deps.storages.get(name))
    try {
      const snapshot = await store.upload(path, manifest)
      this.deps.log.info('library.backup', { storage: name, snapshot: manifest.name, size: manifest.size })
      const pruned = await this.prune(store)
      return { storage: name, snapshot, pruned, error: null }
    } catch (error) {
      const body = toErrorBody(error)
      this.deps.log.error('library.backup_failed', { storage: name, ...body })
      return { storage: name, snapshot: null, pruned: [], error: body }
    }
  }

  private async prune(store: SnapshotStore): Promise<string[]> {
    const { keepLast, keepDays } = this.deps.settings
    const names = snapshotsToPrune(await store.list(), this.deps.now(), { keepLast, keepDays })
    for (const name of names) await store.remove(name)
    return names
  }

  /** castdesk.config.json as the user wrote it (validated: the schema admits no secret). */
  private configForSnapshot(libraryId: string): Record<string, unknown> {
    const path = join(this.deps.libraryDir, CONFIG_FILE_NAME)
    let raw: Record<string, unknown> = {}
    if (existsSync(path)) {
      try {
        raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>
      } catch {
        raw = {}
      }
    }
    if (!configSchema.safeParse(raw).success) raw = {}
    return { ...raw, libraryId }
  }
}
