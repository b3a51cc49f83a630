import type { StorageOutputs, SyncFailure } from '../../shared/api/storage.api'
import { toErrorBody } from '../../shared/errors'
import type { BlobRecord } from '../library/repositories/blobs.repository'
import type { TrashRepository } from '../library/repositories/trash.repository'
import type { Storage } from '../storage/storage'

export interface TrashEmptyDeps {
  trash: TrashRepository
  blobsOf: (mediaId: number) => BlobRecord[]
  /** Deletes the owner's item and every row hanging off it. */
  deleteItem: (ownerId: number, mediaId: number) => boolean
  storage: Storage
  /** false keeps the files in the storage (django-cast's DELETE_WAGTAIL_IMAGES = False). */
  deleteFiles: boolean
  /** Titles of the owner's episodes that use the item: such an item stays in the trash. */
  usedBy?: (ownerId: number, mediaId: number) => string[]
}

/**
 * Empties the owner's trash: deletes each item's files (unless configured to keep them), then its
 * rows. An item whose files could not all be deleted stays in the trash, so nothing is orphaned
 * silently; emptying again retries it. An item an episode still uses stays too.
 */
export async function emptyTrash(
  deps: TrashEmptyDeps,
  ownerId: number,
): Promise<StorageOutputs['trash.empty']> {
  const failures: SyncFailure[] = []
  let items = 0
  let files = 0
  let bytes = 0
  for (const item of deps.trash.list(ownerId)) {
    const episodes = deps.usedBy?.(ownerId, item.id) ?? []
    if (episodes.length > 0) {
      failures.push({
        key: `#${item.id}`,
        code: 'forbidden',
        message: `"${item.title}" stays in the trash: episode ${episodes.map((t) => `"${t}"`).join(', ')} still uses it. Remove it from the episode first.`,
      })
      continue
    }
    const blobs = deps.blobsOf(item.id)
    let intact = true
    if (deps.deleteFiles) {
      for (const blob of blobs) {
        try {
          await deps.storage.delete(blob.key)
          files++
          bytes += blob.size
        } catch (error) {
          intact = false
          const body = toErrorBody(error)
          failures.push({ key: blob.key, code: body.code, message: body.message })
        }
      }
    }
    if (intact && deps.deleteItem(ownerId, item.id)) items++
  }
  return { items, files, bytes, filesKept: !deps.deleteFiles, failures }
}
