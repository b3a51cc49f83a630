import { createReadStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import type { UploadLimits } from '../../../shared/config-schema'
import { CastdeskError } from '../../../shared/errors'
import type { AudioFileItem, AudioFormatName } from '../../../shared/media'
import { classify, extensionOf, stemOf } from '../../importer/classify'
import { probeStaged } from '../../importer/probe-staged'
import { readHeader } from '../../media/detect'
import { writeTempFile } from '../../storage/atomic-file'
import type { Storage } from '../../storage/storage'
import { displayName, originalKey } from '../../storage/storage-keys'
import { type Clock, isoNow } from '../clock'
import type { Db } from '../database'
import type { AudioRepository } from '../repositories/audio.repository'
import type { AudioChaptersRepository } from '../repositories/audio-chapters.repository'
import type { BlobsRepository } from '../repositories/blobs.repository'
import type { AudioService } from './audio.service'
import { reserveFreeKey } from './key-reservation'

export interface AudioFilesDeps {
  db: Db
  audios: AudioService
  audioRows: AudioRepository
  chapters: AudioChaptersRepository
  blobs: BlobsRepository
  storage: Storage
  clock: Clock
  limits: UploadLimits
  stagingDir: string
  ffprobePath: () => string
  /** Called after a file was added or replaced (queue the waveform). */
  afterChange?: (ownerId: number, audioId: number) => void
}

export interface AddedFile {
  id: number
  format: AudioFormatName
  replaced: boolean
  file: AudioFileItem
  duration_ms: number | null
}

/**
 * Adds one format file to an existing Audio, or replaces the file of that format. The new file is
 * checked and probed exactly as an import is; the old file is deleted only after the new one is stored
 * and recorded, so a failure leaves the Audio as it was.
 */
export class AudioFilesService {
  constructor(private readonly deps: AudioFilesDeps) {}

  async addFile(ownerId: number, id: number, path: string): Promise<AddedFile> {
    const { deps } = this
    const audio = deps.audios.audio(ownerId, id)
    const name = displayName(basename(path))
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new CastdeskError(
        'unreadable_file',
        `Cannot read ${path}: ${error.code ?? error.message}. Check the path.`,
      )
    })
    if (!info.isFile())
      throw new CastdeskError('unreadable_file', `${path} is not a file. Give the path of an audio file.`)
    const classified = await classify(await readHeader(path), info.size, name, deps.limits)
    const copy = await writeTempFile(createReadStream(path), deps.stagingDir)
    let staged: string | null = copy.path
    try {
      const existing = deps.blobs.findOriginal(ownerId, copy.sha256)
      if (existing) {
        const same = audio.files.find((file) => file.sha256 === copy.sha256)
        if (existing.mediaId === id && same) return this.result(ownerId, id, same.format, false)
        throw new CastdeskError(
          'duplicate',
          `${name} is already in your library as item ${existing.mediaId}; nothing was changed.`,
        )
      }
      const probed = await probeStaged(staged, classified, name, deps.ffprobePath, extensionOf(name))
      if (probed.type !== 'audio') {
        throw new CastdeskError(
          'unsupported_media',
          `${name} is ${probed.type === 'file' ? 'not a media file' : `a ${probed.type}`}, not audio. Give an MP3, M4A, Ogg Vorbis or Opus file.`,
        )
      }
      const key = await reserveFreeKey(
        deps.blobs,
        deps.storage,
        (suffix) => originalKey('audio', stemOf(name), probed.extension, suffix),
        isoNow(deps.clock),
      )
      let oldKey: string | null = null
      try {
        await deps.storage.putFile(key, staged, { move: true, known: copy })
        staged = null
        oldKey = this.commit(ownerId, id, key, name, copy, probed)
      } catch (error) {
        await deps.storage.delete(key).catch(() => undefined)
        deps.blobs.releaseKey(key)
        throw error
      }
      if (oldKey) await deps.storage.delete(oldKey)
      deps.afterChange?.(ownerId, id)
      return this.result(ownerId, id, probed.format, oldKey !== null)
    } finally {
      if (staged) await rm(staged, { force: true })
    }
  }

  /** One transaction: the new blob, the format pointing at it, the old blob gone, duration and chapters. */
  private commit(
    ownerId: number,
    id: number,
    key: string,
    name: string,
    copy: { size: number; sha256: string },
    probed: Extract<Awaited<ReturnType<typeof probeStaged>>, { type: 'audio' }>,
  ): string | null {
    const { db, audioRows, blobs, chapters, clock } = this.deps
    return db.transaction(() => {
      const now = isoNow(clock)
      const blobId = blobs.insert(
        {
          key,
          size: copy.size,
          sha256: copy.sha256,
          mime: probed.mime,
          ownerId,
          mediaId: id,
          role: 'original',
          originalName: name,
        },
        now,
      )
      const before = audioRows.find(ownerId, id)
      const oldFile = before?.files.find((file) => file.format === probed.format) ?? null
      audioRows.setFile(id, probed.format, blobId)
      if (oldFile) audioRows.deleteBlob(oldFile.blobId)
      const after = audioRows.find(ownerId, id)
      // The duration is the first file's (mp3, m4a, oga, opus order), as django-cast probes it.
      if (after?.files[0]?.format === probed.format || after?.durationMs === null) {
        audioRows.setDuration(id, probed.audio.durationMs)
      }
      if (chapters.count(id) === 0 && probed.audio.chapters.length > 0) {
        chapters.replace(
          id,
          probed.audio.chapters.map((c) => ({ startMs: c.startMs, title: c.title, link: null, image: null })),
        )
      }
      audioRows.touch(id, now)
      blobs.releaseKey(key)
      return oldFile?.key ?? null
    })()
  }

  private result(ownerId: number, id: number, format: AudioFormatName, replaced: boolean): AddedFile {
    const audio = this.deps.audios.audio(ownerId, id)
    const file = audio.files.find((f) => f.format === format)
    if (!file) throw new CastdeskError('internal', `Audio ${id} lost its ${format} file while it was added.`)
    return { id, format, replaced, file: this.deps.audios.fileItem(file), duration_ms: audio.durationMs }
  }
}
