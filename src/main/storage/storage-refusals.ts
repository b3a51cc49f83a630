import { CastdeskError } from '../../shared/errors'
import type { StorageMarker } from './storage-marker'

/**
 * The refusals of a storage that is not there or not this library's: what was found where, and
 * the fix. Pure: messages only.
 */
export function storageMissing(name: string, where: string): CastdeskError {
  return new CastdeskError(
    'storage_missing',
    `Storage "${name}" is not connected: ${where} does not exist — is the disk connected? Nothing was read, written or removed. Connect the disk (or point "location" of storage "${name}" in castdesk.config.json at the right folder) and try again; for a new storage, run "castdesk storages init ${name}".`,
  )
}

/** An S3 storage whose bucket does not exist (NoSuchBucket): deleted, misspelt, or another endpoint. */
export function bucketMissing(name: string, bucket: string, endpoint: string): CastdeskError {
  return new CastdeskError(
    'storage_missing',
    `Storage "${name}" is not there: the bucket "${bucket}" does not exist at ${endpoint}. Nothing was read, written or removed. Create the bucket or fix \`bucket\`/\`endpoint\` of storage "${name}" in castdesk.config.json, then run "castdesk storages init ${name}" if the bucket is new.`,
  )
}

export function storageUnmarked(name: string, where: string, empty: boolean): CastdeskError {
  const found = where.startsWith('s3://')
    ? empty
      ? 'the bucket prefix is empty and has no Castdesk marker (emptied, or the wrong bucket or prefix?)'
      : 'the bucket prefix holds files but no Castdesk marker (.castdesk-storage.json)'
    : empty
      ? 'the folder is empty and has no Castdesk marker (an empty mount point, or a disk that is not connected?)'
      : 'it holds files but no Castdesk marker (.castdesk-storage.json)'
  return new CastdeskError(
    'storage_unmarked',
    `Storage "${name}" at ${where} is not set up: ${found}. Nothing was read, written or removed. If the disk is not connected, connect it; if this is the right place for storage "${name}", run "castdesk storages init ${name}"; otherwise point "location" at the right folder.`,
  )
}

export function storageForeign(
  name: string,
  where: string,
  marker: StorageMarker,
  libraryId: string,
): CastdeskError {
  const whose =
    marker.libraryId === libraryId
      ? `this library's storage "${marker.storage}", not "${name}"`
      : `storage "${marker.storage}" of another Castdesk library (${marker.libraryId}; this library is ${libraryId})`
  return new CastdeskError(
    'storage_foreign',
    `Storage "${name}" at ${where} is ${whose}, by its marker .castdesk-storage.json. Nothing was read, written or removed. Point "location" of storage "${name}" in castdesk.config.json at this library's own folder.`,
  )
}
