import type { JobsRepository } from '../../jobs/jobs.repository'
import type { Storage } from '../../storage/storage'
import type { Clock } from '../clock'
import type { Db } from '../database'
import type { BlobsRepository } from '../repositories/blobs.repository'
import type { MediaWriteRepository } from '../repositories/media-write.repository'
import type { RenditionsRepository } from '../repositories/renditions.repository'
import { VideoRepository } from '../repositories/video.repository'
import { VideoPosterRepository } from '../repositories/video-poster.repository'
import { withStatementCache } from '../statement-cache'
import { VideoPosterService } from './video-poster.service'

export interface VideoServices {
  videos: VideoRepository
  posters: VideoPosterService
}

export function createVideoServices(deps: {
  db: Db
  blobs: BlobsRepository
  media: MediaWriteRepository
  /** The image domain's renditions: a poster is an image, and a new frame drops the old ones. */
  renditions: RenditionsRepository
  jobs: JobsRepository
  storage: Storage
  clock: Clock
  stagingDir: string
  ffmpegPath: () => string
}): VideoServices {
  const videos = new VideoRepository(withStatementCache(deps.db))
  const posters = new VideoPosterService({ ...deps, videos, posters: new VideoPosterRepository(deps.db) })
  return { videos, posters }
}
