import { rm } from 'node:fs/promises'
import type { EncodedFileResult } from '../../../shared/api/audio.api'
import type { LoudnessInfo } from '../../../shared/media'
import type { EncodedFile } from '../../media/audio/encode/encode-executor'
import type { Storage } from '../../storage/storage'
import { originalKey } from '../../storage/storage-keys'
import { type Clock, isoNow } from '../clock'
import type { Db } from '../database'
import type { AudioRepository } from '../repositories/audio.repository'
import type { AudioLoudnessRepository } from '../repositories/audio-loudness.repository'
import type { BlobsRepository } from '../repositories/blobs.repository'
import { reserveFreeKey } from './key-reservation'

export interface EncodeCommitDeps {
  db: Db
  audioRows: AudioRepository
  blobs: BlobsRepository
  loudness: AudioLoudnessRepository
  storage: Storage
  clock: Clock
}

/**
 * Makes verified encoded files the Audio's files: each is stored under a new key first, then one
 * transaction points the formats at them (with size, SHA-256 and loudness) and drops the rows of the
 * files they replace; only then are the old files deleted. A failure before the transaction
 * removes what was stored and leaves the Audio as it was.
 */
export async function commitEncodedFiles(
  deps: EncodeCommitDeps,
  target: { ownerId: number; audioId: number; stem: string; durationMs: number },
  files: ReadonlyArray<{ file: EncodedFile; loudness: LoudnessInfo }>,
): Promise<EncodedFileResult[]> {
  const stored: Array<{ key: string; file: EncodedFile; loudness: LoudnessInfo }> = []
  let committed = false
  try {
    for (const { file, loudness } of files) {
      const key = await reserveFreeKey(
        deps.blobs,
        deps.storage,
        (suffix) => originalKey('audio', target.stem, file.planned.extension, suffix),
        isoNow(deps.clock),
      )
      stored.push({ key, file, loudness })
      await deps.storage.putFile(key, file.path, {
        move: true,
        known: { size: file.size, sha256: file.sha256 },
      })
    }
    const { results, oldKeys } = deps.db
      .transaction(() => {
        const now = isoNow(deps.clock)
        const before = deps.audioRows.find(target.ownerId, target.audioId)
        const oldKeys: string[] = []
        const results: EncodedFileResult[] = []
        for (const { key, file, loudness } of stored) {
          const old = before?.files.find((f) => f.format === file.format) ?? null
          if (old && old.sha256 === file.sha256) {
            // The same bytes again (the same master and settings): the stored file stays.
            deps.loudness.save(old.blobId, loudness, now)
            deps.blobs.releaseKey(key)
            oldKeys.push(key)
            results.push({
              format: file.format,
              key: old.key,
              size: old.size,
              sha256: old.sha256,
              loudness,
              replaced: false,
            })
            continue
          }
          const blobId = deps.blobs.insert(
            {
              key,
              size: file.size,
              sha256: file.sha256,
              mime: file.planned.mime,
              ownerId: target.ownerId,
              mediaId: target.audioId,
              role: 'original',
              originalName: `${target.stem}.${file.planned.extension}`,
            },
            now,
          )
          deps.audioRows.setFile(target.audioId, file.format, blobId)
          if (old) {
            deps.audioRows.deleteBlob(old.blobId)
            oldKeys.push(old.key)
          }
          deps.loudness.save(blobId, loudness, now)
          deps.blobs.releaseKey(key)
          results.push({
            format: file.format,
            key,
            size: file.size,
            sha256: file.sha256,
            loudness,
            replaced: old !== null,
          })
        }
        if (before?.durationMs === null) deps.audioRows.setDuration(target.audioId, target.durationMs)
        deps.audioRows.touch(target.audioId, now)
        return { results, oldKeys }
      })
      .immediate()
    committed = true
    for (const key of oldKeys) await deps.storage.delete(key).catch(() => undefined)
    return results
  } finally {
    if (!committed) {
      for (const { key, file } of stored) {
        await deps.storage.delete(key).catch(() => undefined)
        deps.blobs.releaseKey(key)
        await rm(file.path, { force: true })
      }
    }
  }
}
