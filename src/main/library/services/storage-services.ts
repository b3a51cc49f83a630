import type { CastdeskConfig } from '../../../shared/config-schema'
import type { S3StorageFactoryDeps } from '../../storage/s3-storage'
import type { Storage } from '../../storage/storage'
import { StorageRegistry } from '../../storage/storage-registry'
import type { SyncDeps } from '../../storage/sync/sync.service'
import { type Clock, isoNow } from '../clock'
import type { Db } from '../database'
import { CatalogStateRepository } from '../repositories/catalog-state.repository'
import { MaintenanceRepository } from '../repositories/maintenance.repository'
import { MultipartUploadsRepository } from '../repositories/multipart-uploads.repository'
import { StorageManifestRepository } from '../repositories/storage-manifest.repository'
import { StorageMarkersRepository } from '../repositories/storage-markers.repository'
import { TrashRepository } from '../repositories/trash.repository'
import { StorageIdentityService } from './storage-identity.service'

export interface StorageServices {
  /** Every named storage of the library; `default` is the library's own. */
  registry: StorageRegistry
  manifest: StorageManifestRepository
  uploads: MultipartUploadsRepository
  trash: TrashRepository
  maintenance: MaintenanceRepository
  /** How much the catalog holds and when it last changed (the delete guards). */
  catalogState: CatalogStateRepository
  /** What sync, media_backup and media_restore run with. */
  sync: SyncDeps
  /** Markers: whether each storage is there and this library's; `storages init`; the census. */
  identity: StorageIdentityService
}

/** The S3 storage dependencies a library gives every storage it builds: checkpoints and credentials. */
export function storageFactoryDeps(
  db: Db,
  clock: Clock,
  env: NodeJS.ProcessEnv,
  credentials?: S3StorageFactoryDeps['credentials'],
): S3StorageFactoryDeps {
  return { env, credentials, checkpoints: new MultipartUploadsRepository(db, () => isoNow(clock)) }
}

export function createStorageServices(deps: {
  db: Db
  config: CastdeskConfig
  dir: string
  libraryId: string
  clock: Clock
  env: NodeJS.ProcessEnv
  credentials?: S3StorageFactoryDeps['credentials']
  /** The default storage the library already opened. */
  defaultStorage: Storage
  stagingDir: string
}): StorageServices {
  const factory = storageFactoryDeps(deps.db, deps.clock, deps.env, deps.credentials)
  const registry = new StorageRegistry(deps.config, deps.dir, factory, { default: deps.defaultStorage })
  const manifest = new StorageManifestRepository(deps.db)
  const maintenance = new MaintenanceRepository(deps.db)
  const catalogState = new CatalogStateRepository(deps.db)
  return {
    registry,
    manifest,
    uploads: new MultipartUploadsRepository(deps.db, () => isoNow(deps.clock)),
    trash: new TrashRepository(deps.db),
    maintenance,
    catalogState,
    sync: {
      storages: registry,
      manifest,
      stagingDir: deps.stagingDir,
      now: () => deps.clock.now(),
      catalog: {
        referencedKeys: () => maintenance.referencedKeysOfAllUsers(),
        recordedHashes: () => maintenance.recordedHashesOfAllUsers(),
        itemCount: () => catalogState.itemCount(),
      },
      limits: { maxDelete: deps.config.maxDelete, maxDeleteFraction: deps.config.maxDeleteFraction },
    },
    identity: new StorageIdentityService({
      registry,
      repo: new StorageMarkersRepository(deps.db),
      libraryId: deps.libraryId,
      now: () => isoNow(deps.clock),
      forgetManifest: (name) => manifest.clear(registry.identity(name)),
    }),
  }
}
