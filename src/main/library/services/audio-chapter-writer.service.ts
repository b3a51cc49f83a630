import { rm } from 'node:fs/promises'
import type { WrittenChapterFile } from '../../../shared/api/audio.api'
import { CastdeskError } from '../../../shared/errors'
import type { AudioFormatName } from '../../../shared/media'
import { type WrittenAudioFile, writeChaptersIntoFile } from '../../media/audio/chapter-writer'
import type { Chapter } from '../../media/audio/chapters/chapter'
import { MAX_ID3_TOC_ENTRIES } from '../../media/audio/chapters/id3-chapters'
import { MAX_OGG_CHAPTERS } from '../../media/audio/chapters/ogg-chapter-comments'
import { localSource } from '../../media/audio/local-source'
import type { Storage } from '../../storage/storage'
import { type Clock, isoNow } from '../clock'
import type { Db } from '../database'
import type { AudioFileRecord, AudioRepository } from '../repositories/audio.repository'
import type { BlobsRepository } from '../repositories/blobs.repository'
import type { AudioService } from './audio.service'
import type { AudioChaptersService } from './audio-chapters.service'
import { reconcileRewrittenKey } from './rewritten-key'

export interface AudioChapterWriterDeps {
  db: Db
  audios: AudioService
  audioRows: AudioRepository
  blobs: BlobsRepository
  chapters: AudioChaptersService
  storage: Storage
  clock: Clock
  stagingDir: string
  tools: () => { ffmpeg: string; ffprobe: string }
}

const MAX_CHAPTERS: Record<AudioFormatName, number> = {
  mp3: MAX_ID3_TOC_ENTRIES,
  m4a: Number.POSITIVE_INFINITY,
  oga: MAX_OGG_CHAPTERS,
  opus: MAX_OGG_CHAPTERS,
}

/**
 * Writes an Audio's chapter marks into all of its files. Every file is first rewritten to a temporary
 * copy and verified by reading it back; only when all copies are right does each replace its stored
 * file (an atomic rename under the same key, so its URL stays), with the blob's size and SHA-256 updated.
 * Any failure before that leaves every stored file as it was.
 */
export class AudioChapterWriterService {
  constructor(private readonly deps: AudioChapterWriterDeps) {}

  async write(ownerId: number, id: number): Promise<{ id: number; files: WrittenChapterFile[] }> {
    const { deps } = this
    const audio = deps.audios.audio(ownerId, id)
    deps.audios.firstFile(audio)
    const chapters = deps.chapters.validChapters(audio).map(withAsciiLink)
    for (const file of audio.files) checkCount(file, chapters.length)
    const pending: Array<{ file: AudioFileRecord; written: WrittenAudioFile }> = []
    try {
      for (const file of audio.files) {
        const written = await this.rewrite(file, chapters, audio.durationMs)
        pending.push({ file, written })
        const holder = deps.blobs.findOriginal(ownerId, written.sha256)
        if (holder && holder.mediaId !== id) {
          throw new CastdeskError(
            'duplicate',
            `With these chapters, ${file.originalName ?? file.key} would be identical to item ${holder.mediaId}; nothing was changed.`,
          )
        }
      }
      const files: WrittenChapterFile[] = []
      while (pending.length > 0) {
        const { file, written } = pending[0] as (typeof pending)[number]
        await this.replace(file.key, written)
        pending.shift()
        deps.db.transaction(() => {
          deps.audioRows.updateBlobContent(file.blobId, written.size, written.sha256)
          deps.audioRows.touch(id, isoNow(deps.clock))
          deps.blobs.releaseKey(file.key)
        })()
        files.push({
          format: file.format,
          size: written.size,
          sha256: written.sha256,
          chapters: written.chapters,
        })
      }
      return { id, files }
    } finally {
      for (const { written } of pending) await rm(written.path, { force: true })
    }
  }

  /**
   * Replaces a stored file under its key. The key is claimed first, so that a process killed
   * between the replacement and the row update leaves a claim the next open resolves (the row
   * then gets the file's real SHA-256); the caller releases it with the row update.
   */
  private async replace(key: string, written: WrittenAudioFile): Promise<void> {
    const { deps } = this
    if (!deps.blobs.claimForRewrite(key, process.pid, isoNow(deps.clock))) {
      throw new CastdeskError(
        'storage_error',
        `${key} is being written by another Castdesk process; try again once it is done.`,
      )
    }
    try {
      await deps.storage.putFile(key, written.path, {
        move: true,
        known: { size: written.size, sha256: written.sha256 },
      })
    } catch (error) {
      // The file may have been replaced before the failure (the rename, not the flush).
      await reconcileRewrittenKey(deps.blobs, deps.storage, key).catch(() => false)
      deps.blobs.releaseKey(key)
      throw error
    }
  }

  private async rewrite(
    file: AudioFileRecord,
    chapters: readonly Chapter[],
    durationMs: number | null,
  ): Promise<WrittenAudioFile> {
    const local = await localSource(this.deps.storage, file.key, this.deps.stagingDir)
    try {
      return await writeChaptersIntoFile({
        format: file.format,
        sourcePath: local.path,
        label: file.originalName ?? file.key,
        chapters,
        durationMs,
        workDir: this.deps.stagingDir,
        tools: this.deps.tools(),
      })
    } finally {
      await local.cleanup()
    }
  }
}

function withAsciiLink(chapter: Chapter): Chapter {
  return { ...chapter, link: chapter.link === null ? null : new URL(chapter.link).href }
}

function checkCount(file: AudioFileRecord, count: number): void {
  const max = MAX_CHAPTERS[file.format]
  if (count > max) {
    throw new CastdeskError(
      'invalid_chapters',
      `${file.format.toUpperCase()} files hold at most ${max} chapters, and this Audio has ${count}. Merge some chapters, then write them again.`,
    )
  }
}
