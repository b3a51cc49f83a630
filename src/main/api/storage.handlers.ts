import type { ApiHandlers, CallContext } from '../../shared/api'
import { CastdeskError } from '../../shared/errors'
import { formatBytes } from '../../shared/format'
import { isoNow } from '../library/clock'
import type { Library } from '../library/library'
import { snapshotAfterTransfer } from '../library-backup/snapshot-after-transfer'
import { mediaBackup } from '../maintenance/media-backup'
import { mediaRestore } from '../maintenance/media-restore'
import { mediaSizes } from '../maintenance/media-sizes'
import { mediaStale } from '../maintenance/media-stale'
import { emptyTrash } from '../maintenance/trash-empty'
import type { TransferProgress } from '../storage/sync/progress-meter'
import { runSync } from '../storage/sync/sync.service'

type StorageOps =
  | 'storage.list'
  | 'storage.status'
  | 'storage.init'
  | 'storage.sync'
  | 'maintenance.backup'
  | 'maintenance.restore'
  | 'maintenance.stale'
  | 'maintenance.sizes'
  | 'trash.list'
  | 'trash.restore'
  | 'trash.empty'

/** Storages, sync, the media_* maintenance commands and the trash. */
export function storageHandlers(library: Library): Pick<ApiHandlers, StorageOps> {
  const { registry, manifest, maintenance, trash, sync, catalogState, identity } = library.storages
  const limits = { maxDelete: library.config.maxDelete, maxDeleteFraction: library.config.maxDeleteFraction }
  return {
    'storage.list': async () => registry.describe(),
    'storage.status': async ({ census }) => identity.status({ census }),
    'storage.init': async ({ name }) => identity.init(name),
    'storage.sync': async ({ from, to, dryRun, delete: remove, verify, transfers, maxDelete }, context) => {
      await identity.require([from, to])
      return snapshotAfterTransfer(
        library,
        await runSync(
          { from, to, dryRun, delete: remove, verify, transfers, maxDelete },
          sync,
          progressTo('storage.sync', context),
        ),
      )
    },
    'maintenance.backup': async (options, context) => {
      await identity.require(['production', 'backup'])
      return snapshotAfterTransfer(
        library,
        await mediaBackup(sync, options, progressTo('maintenance.backup', context)),
      )
    },
    'maintenance.restore': async (options, context) => {
      await identity.require(['backup', 'production'])
      return mediaRestore(sync, options, progressTo('maintenance.restore', context))
    },
    'maintenance.stale': async ({ storage, delete: remove, maxDelete }) => {
      const name = storage ?? (registry.has('production') ? 'production' : 'default')
      registry.require([name], 'media_stale')
      await identity.require([name])
      return mediaStale(
        {
          storage: registry.get(name),
          referencedKeys: () => maintenance.referencedKeysOfAllUsers(),
          forget: (keys) => manifest.remove(registry.identity(name), keys),
          lastWrite: () => catalogState.lastWrite(),
          itemCount: () => catalogState.itemCount(),
          limits,
          now: () => library.clock.now(),
        },
        { delete: remove, maxDelete },
      )
    },
    'maintenance.sizes': async ({ storage }) => {
      const names = storage ? [storage] : registry.names()
      registry.require(names, 'media_sizes')
      return mediaSizes(
        names.map((name) => registry.get(name)),
        maintenance.fileOwnersOfAllUsers(),
      )
    },
    'trash.list': async (_input, { user }) => trash.list(user.id),
    'trash.restore': async ({ id }, { user }) => {
      if (!trash.restore(user.id, id)) {
        throw new CastdeskError('not_found', `There is no item ${id} in your trash.`)
      }
      return { id, restored: true }
    },
    'trash.empty': async ({ maxDelete }, { user }) => {
      // The files go from default: a disk that is not there would only seem emptied.
      await identity.require(['default'])
      return emptyTrash(
        {
          trash,
          blobsOf: (id) => library.blobs.forMedia(id),
          deleteItem: (ownerId, id) => library.mediaWrite.deleteMedia(ownerId, id),
          storage: library.storage,
          deleteFiles: library.config.deleteFilesOnTrashEmpty,
          usedBy: (ownerId, id) => library.podcasts.episodeRows.usage(ownerId, id).map((use) => use.title),
          limits,
          catalog: { fileCount: () => catalogState.fileCount(), itemCount: () => catalogState.itemCount() },
          now: () => library.clock.now(),
        },
        user.id,
        { maxDelete },
      )
    },
  }
}

/** Moves an item to the trash (media.delete): hidden from its owner, its files kept until the trash is emptied. */
export function trashItem(library: Library, ownerId: number, id: number): boolean {
  return library.storages.trash.put(ownerId, id, isoNow(library.clock))
}

/** Transfers report at most this often (besides every finished file): an SSE stream, not a flood. */
const PROGRESS_INTERVAL_MS = 150

function progressTo(
  operation: 'storage.sync' | 'maintenance.backup' | 'maintenance.restore',
  context: CallContext,
): ((progress: TransferProgress) => void) | undefined {
  const report = context.onProgress
  if (!report) return undefined
  let lastMs = 0
  let lastFiles = -1
  return (progress) => {
    const nowMs = Date.now()
    if (progress.filesDone === lastFiles && nowMs - lastMs < PROGRESS_INTERVAL_MS) return
    lastMs = nowMs
    lastFiles = progress.filesDone
    report({
      operation,
      done: progress.filesDone,
      total: progress.filesTotal,
      detail: `${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)}, ${formatBytes(progress.bytesPerSecond)}/s${progress.etaSeconds === null ? '' : `, ETA ${progress.etaSeconds} s`}`,
      bytes: {
        done: progress.bytesDone,
        total: progress.bytesTotal,
        perSecond: progress.bytesPerSecond,
        etaSeconds: progress.etaSeconds,
      },
    })
  }
}
