import { randomUUID } from 'node:crypto'
import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { CastdeskError } from '../../../shared/errors'
import type { MediaType } from '../../../shared/media'
import type { JobsRepository } from '../../jobs/jobs.repository'
import { takePosterFrame } from '../../media/video/poster-frame'
import { posterAttempts } from '../../media/video/poster-time'
import { writeTempFile } from '../../storage/atomic-file'
import type { Storage } from '../../storage/storage'
import { KEY_PREFIX, safeStem } from '../../storage/storage-keys'
import { type Clock, isoNow } from '../clock'
import type { Db } from '../database'
import type { BlobsRepository } from '../repositories/blobs.repository'
import type { MediaWriteRepository } from '../repositories/media-write.repository'
import type { RenditionsRepository } from '../repositories/renditions.repository'
import type { VideoRepository, VideoSource } from '../repositories/video.repository'
import type { VideoPosterRepository } from '../repositories/video-poster.repository'
import { reserveFreeKey, withSuffix } from './key-reservation'

export interface VideoPosterDeps {
  db: Db
  videos: VideoRepository
  posters: VideoPosterRepository
  blobs: BlobsRepository
  media: MediaWriteRepository
  renditions: RenditionsRepository
  jobs: JobsRepository
  storage: Storage
  clock: Clock
  stagingDir: string
  ffmpegPath: () => string
}

export interface MadePoster {
  videoId: number
  imageId: number
  key: string
  width: number
  height: number
  /** Where the frame was taken: `posterSeconds` clamped into the video. */
  seconds: number
  posterSeconds: number
  /** True when an older poster was replaced (its file and renditions are gone). */
  replaced: boolean
}

/**
 * Poster frames of videos. A poster is an Image item of the video's owner (so it gets renditions
 * like any image), stored under cast_videos/poster/ and linked from the video. Making one again
 * swaps the image's file in one transaction (same image id); the old file and the renditions of
 * the old frame are removed after the commit, so a reader sees the old poster or the new one.
 */
export class VideoPosterService {
  constructor(private readonly deps: VideoPosterDeps) {}

  /** The owner's video; anything else is an error that says what the id is instead. */
  video(ownerId: number, id: number): VideoSource {
    const video = this.deps.videos.source(ownerId, id)
    if (video) return video
    const type = this.deps.videos.typeOf(ownerId, id)
    if (type) {
      throw new CastdeskError(
        'unsupported_media',
        `Item ${id} is ${WHAT[type]}, not a video: only videos have posters. Find your videos with "castdesk list --type video".`,
      )
    }
    throw new CastdeskError('not_found', `There is no video ${id} in your library.`)
  }

  /**
   * Queues the poster job of a just-imported video (at most one unfinished job per video). Never
   * throws: the video is already stored, and a poster that could not be queued is only missing
   * (`recalc_video_posters` makes it). Returns whether a job is queued.
   */
  queue(videoId: number): boolean {
    try {
      const ownerId = this.deps.videos.ownerOf(videoId)
      if (ownerId === null) return false
      this.deps.jobs.enqueue('video.poster', { ownerId, videoId }, isoNow(this.deps.clock), {
        dedupeKey: `video.poster:${videoId}`,
        ownerId,
      })
      return true
    } catch {
      return false
    }
  }

  /** Makes the poster unless the video has one; null when it had. */
  async ensure(ownerId: number, id: number): Promise<MadePoster | null> {
    return this.video(ownerId, id).poster ? null : this.make(ownerId, id)
  }

  /** Makes (or makes again) the poster at `seconds`, which becomes the video's poster_seconds. */
  async make(ownerId: number, id: number, seconds?: number): Promise<MadePoster> {
    if (seconds !== undefined && !(Number.isFinite(seconds) && seconds >= 0)) {
      throw new CastdeskError(
        'invalid_input',
        `${seconds} is not a poster time: give the second of the video to show, 0 or more (e.g. 1 or 2.5).`,
      )
    }
    const video = this.video(ownerId, id)
    const posterSeconds = seconds ?? video.posterSeconds
    const source = await this.localOriginal(video)
    const output = join(this.deps.stagingDir, `${process.pid}-${randomUUID()}.jpg`)
    try {
      await mkdir(this.deps.stagingDir, { recursive: true })
      const frame = await takePosterFrame(this.deps.ffmpegPath(), {
        input: source.path,
        output,
        size: video.width && video.height ? { width: video.width, height: video.height } : null,
        attempts: posterAttempts(posterSeconds, video.durationMs),
        fileLabel: video.originalName ?? video.key.slice(video.key.lastIndexOf('/') + 1),
      })
      return await this.store(video, frame, seconds)
    } finally {
      await rm(output, { force: true })
      await source.cleanup()
    }
  }

  private async store(
    video: VideoSource,
    frame: { data: Buffer; width: number; height: number; seconds: number },
    newPosterSeconds: number | undefined,
  ): Promise<MadePoster> {
    const { db, blobs, storage, clock } = this.deps
    const preferred = `${KEY_PREFIX.poster}poster_${safeStem(stemOfKey(video.key))}.jpg`
    const key = await reserveFreeKey(blobs, storage, (suffix) => withSuffix(preferred, suffix), isoNow(clock))
    let made: { poster: MadePoster; obsoleteKeys: string[] }
    try {
      const put = await storage.put(key, frame.data)
      made = db
        .transaction(() => {
          const result = this.commit(video.id, video.ownerId, { key, ...put, ...frame }, newPosterSeconds)
          blobs.releaseKey(key)
          return result
        })
        .immediate()
    } catch (error) {
      await storage.delete(key).catch(() => undefined)
      blobs.releaseKey(key)
      throw error
    }
    // After the commit: a crash here leaves unreferenced files, never a poster without its file.
    for (const obsolete of made.obsoleteKeys) await storage.delete(obsolete).catch(() => undefined)
    return made.poster
  }

  /** The rows of a new poster frame; runs inside the transaction, so it reads the video again. */
  private commit(
    videoId: number,
    ownerId: number,
    file: { key: string; size: number; sha256: string; width: number; height: number; seconds: number },
    newPosterSeconds: number | undefined,
  ): { poster: MadePoster; obsoleteKeys: string[] } {
    const { videos, posters, blobs, media, renditions } = this.deps
    const now = isoNow(this.deps.clock)
    const video = videos.source(ownerId, videoId)
    if (!video)
      throw new CastdeskError('not_found', `Video ${videoId} was deleted while its poster was made.`)
    const newBlob = (mediaId: number) =>
      blobs.insert(
        {
          key: file.key,
          size: file.size,
          sha256: file.sha256,
          mime: 'image/jpeg',
          ownerId,
          mediaId,
          role: 'poster',
          originalName: null,
        },
        now,
      )
    const frame = { width: file.width, height: file.height, seconds: file.seconds }
    const obsoleteKeys: string[] = []
    let imageId: number
    if (video.poster) {
      imageId = video.poster.imageId
      const oldRenditions = renditions.forImage(imageId)
      posters.replaceFrame(videoId, imageId, { ...frame, blobId: newBlob(imageId) }, now)
      obsoleteKeys.push(...renditions.delete(oldRenditions))
      posters.deleteBlob(video.poster.blobId)
      obsoleteKeys.push(video.poster.key)
    } else {
      imageId = media.insertMedia(ownerId, 'image', posterTitle(video.title), now)
      media.insertImage(imageId, newBlob(imageId), { ...frame, format: 'jpeg', hasAlpha: false })
      posters.link(videoId, imageId, file.seconds, now)
    }
    if (newPosterSeconds !== undefined) posters.setPosterSeconds(videoId, newPosterSeconds, now)
    const poster: MadePoster = {
      videoId,
      imageId,
      key: file.key,
      ...frame,
      posterSeconds: newPosterSeconds ?? video.posterSeconds,
      replaced: video.poster !== null,
    }
    return { poster, obsoleteKeys }
  }

  /** A local file of the video: the stored file itself, or a temporary download. */
  private async localOriginal(video: VideoSource): Promise<{ path: string; cleanup: () => Promise<void> }> {
    const local = this.deps.storage.localPath(video.key)
    if (local) return { path: local, cleanup: async () => undefined }
    const copy = await writeTempFile(await this.deps.storage.get(video.key), this.deps.stagingDir)
    return { path: copy.path, cleanup: () => rm(copy.path, { force: true }) }
  }
}

const WHAT: Record<MediaType, string> = {
  image: 'an image',
  audio: 'audio (a video file holding only sound is imported as audio)',
  video: 'a video',
  file: 'a file',
}

function stemOfKey(key: string): string {
  const name = key.slice(key.lastIndexOf('/') + 1)
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(0, dot) : name
}

function posterTitle(videoTitle: string): string {
  return videoTitle ? `${videoTitle} (poster)` : 'Video poster'
}
