import type { StorageOutputs, SyncFailure } from '../../shared/api/storage.api'
import type { BlobRecord } from '../library/repositories/blobs.repository'
import type { TrashRepository } from '../library/repositories/trash.repository'
import { moveToQuarantine } from '../storage/quarantine/quarantine.service'
import type { Storage } from '../storage/storage'
import { type DeleteLimits, deleteRefusal } from './delete-limits'

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
  /** The delete limits, against the files and items of the whole catalog. */
  limits: DeleteLimits
  catalog: { fileCount: () => number; itemCount: () => number }
  now: () => Date
}

/**
 * Empties the owner's trash: moves each item's files into the storage's quarantine (unless
 * configured to keep them), then deletes its rows. An item whose files could not all be moved
 * stays in the trash, so nothing is orphaned silently; emptying again retries it. An item an
 * episode still uses stays too.
 */
export async function emptyTrash(
  deps: TrashEmptyDeps,
  ownerId: number,
  options: { maxDelete?: number } = {},
): Promise<StorageOutputs['trash.empty']> {
  const failures: SyncFailure[] = []
  const going: { id: number; blobs: BlobRecord[] }[] = []
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
    going.push({ id: item.id, blobs: deps.blobsOf(item.id) })
  }
  const keys = deps.deleteFiles ? going.flatMap((item) => item.blobs.map((blob) => blob.key)) : []
  const refusal = deleteRefusal(
    {
      command: 'castdesk trash empty',
      storage: deps.storage.name,
      planned: keys.length,
      managed: deps.catalog.fileCount(),
      items: deps.catalog.itemCount(),
      override: options.maxDelete,
      review: 'Check what goes with castdesk trash list',
    },
    deps.limits,
  )
  if (refusal) throw refusal
  const removal = await moveToQuarantine(deps.storage, keys, { now: deps.now() })
  failures.push(...removal.failures)
  const failed = new Set(removal.failures.map((failure) => failure.key))
  const moved = new Set(removal.removed)
  let items = 0
  let files = 0
  let bytes = 0
  for (const item of going) {
    if (item.blobs.some((blob) => failed.has(blob.key))) continue
    if (!deps.deleteItem(ownerId, item.id)) continue
    items++
    for (const blob of item.blobs) {
      if (!moved.has(blob.key)) continue
      files++
      bytes += blob.size
    }
  }
  return { items, files, bytes, filesKept: !deps.deleteFiles, failures, quarantine: removal.quarantine }
}
