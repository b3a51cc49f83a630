import { rm } from 'node:fs/promises'
import { CastdeskError } from '../../../shared/errors'
import type { ManifestEntry } from '../../library/repositories/storage-manifest.repository'
import { writeTempFile } from '../atomic-file'
import { hashFile, isMd5Hex } from '../content-hash'
import { DEFAULT_RETRY, withRetry } from '../retry'
import type { Storage } from '../storage'
import { hashSourceFile, sourceEntry } from './source-scan'
import type { SourceFile } from './sync-planner'

export interface CopyResult {
  /** The destination's manifest entry of the verified copy. */
  destination: ManifestEntry
  /** The source's manifest entry, when the file's hash was learnt just now. */
  source: ManifestEntry | null
}

/**
 * Copies one file between storages and proves it arrived intact: the destination reports the
 * SHA-256 of what it stored (S3 uploads are also checked against their MD5). A file on this
 * machine is read in place (hashed first if the scan left it unhashed). A remote one is
 * downloaded to a temp file (a broken download is tried again) and checked before it is stored:
 * against its SHA-256 (known, or from its metadata), else against its ETag when that is an MD5.
 */
export async function copyObject(
  from: Storage,
  to: Storage,
  file: SourceFile,
  options: { stagingDir: string; onBytes?: (bytes: number) => void },
): Promise<CopyResult> {
  const localPath = from.localPath(file.key)
  if (localPath) {
    const source = file.sha256 === null ? await hashSourceFile(from, file) : null
    const stored = await to.putFile(file.key, localPath, {
      known: { size: file.size, sha256: file.sha256 as string },
      md5: file.md5 ?? undefined,
      onBytes: options.onBytes,
    })
    return { destination: await verified(from, to, file, stored), source }
  }
  let learnt = false
  if (file.sha256 === null) {
    const head = await from.head(file.key)
    if (head?.sha256 && head.size === file.size) {
      Object.assign(file, { sha256: head.sha256, md5: isMd5Hex(head.etag) ? head.etag : null })
      learnt = true
    }
  }
  const staged = await withRetry(
    () => from.get(file.key).then((body) => writeTempFile(body, options.stagingDir)),
    (error) => !(error instanceof CastdeskError),
    DEFAULT_RETRY,
  )
  try {
    if (file.sha256 === null) {
      // An object Castdesk did not write: what arrived is checked against an MD5 ETag if it has one.
      const hash = await hashFile(staged.path)
      if (isMd5Hex(file.etag ?? undefined) && hash.md5 !== file.etag) throw changed(from, file.key)
      Object.assign(file, { size: hash.size, sha256: hash.sha256, md5: hash.md5 })
      learnt = true
    }
    if (staged.sha256 !== file.sha256 || staged.size !== file.size) throw changed(from, file.key)
    const stored = await to.putFile(file.key, staged.path, {
      move: true,
      known: { size: file.size, sha256: file.sha256 as string },
      md5: file.md5 ?? undefined,
      onBytes: options.onBytes,
    })
    return { destination: await verified(from, to, file, stored), source: learnt ? sourceEntry(file) : null }
  } finally {
    await rm(staged.path, { force: true })
  }
}

async function verified(
  from: Storage,
  to: Storage,
  file: SourceFile,
  stored: { size: number; sha256: string; etag?: string },
): Promise<ManifestEntry> {
  if (stored.sha256 !== file.sha256 || stored.size !== file.size) throw changed(from, file.key)
  const after = to.remote ? null : await to.head(file.key)
  return {
    key: file.key,
    size: stored.size,
    sha256: stored.sha256,
    md5: file.md5,
    etag: stored.etag ?? null,
    mtimeMs: after ? after.modified.getTime() : null,
  }
}

function changed(from: Storage, key: string): CastdeskError {
  return new CastdeskError(
    'storage_error',
    `"${key}" in storage "${from.name}" changed while it was copied: run the sync again.`,
  )
}
