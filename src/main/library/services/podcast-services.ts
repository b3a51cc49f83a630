import type { JobsRepository } from '../../jobs/jobs.repository'
import { PublishService } from '../../publish/publish.service'
import { SiteModelService } from '../../publish/site-model.service'
import type { Storage } from '../../storage/storage'
import type { SyncDeps } from '../../storage/sync/sync.service'
import type { Clock } from '../clock'
import type { Db } from '../database'
import { AudioChaptersRepository } from '../repositories/audio-chapters.repository'
import { AudioTranscriptsRepository } from '../repositories/audio-transcripts.repository'
import { EpisodeMediaRepository } from '../repositories/episode-media.repository'
import { EpisodesRepository } from '../repositories/episodes.repository'
import { GalleriesRepository } from '../repositories/galleries.repository'
import { PodcastsRepository } from '../repositories/podcasts.repository'
import { VideoRepository } from '../repositories/video.repository'
import type { AudioService } from './audio.service'
import { EpisodeService } from './episode.service'
import type { ImageServices } from './image-services'
import { PodcastService } from './podcast.service'
import { RenditionQueue } from './rendition-queue'

export interface PodcastServices {
  podcasts: PodcastService
  episodes: EpisodeService
  episodeRows: EpisodesRepository
  siteModel: SiteModelService
  publisher: PublishService
}

export function createPodcastServices(deps: {
  db: Db
  clock: Clock
  jobs: JobsRepository
  imaging: ImageServices
  audios: AudioService
  storage: Storage
  sync: SyncDeps
  publishDir: string
}): PodcastServices {
  const { db, clock, imaging } = deps
  const media = new EpisodeMediaRepository(db)
  const episodeRows = new EpisodesRepository(db)
  const podcasts = new PodcastService(new PodcastsRepository(db), media, clock)
  const renditionQueue = new RenditionQueue({
    renditions: imaging.renditions,
    stored: imaging.storedRenditions,
    pictures: imaging.pictures,
    jobs: deps.jobs,
    clock,
  })
  const episodes = new EpisodeService({
    db,
    episodes: episodeRows,
    media,
    galleries: new GalleriesRepository(db),
    podcasts,
    renditionQueue,
    clock,
  })
  const siteModel = new SiteModelService({
    episodes: episodeRows,
    media,
    audios: deps.audios,
    chapters: new AudioChaptersRepository(db),
    transcripts: new AudioTranscriptsRepository(db),
    videos: new VideoRepository(db),
    renditions: imaging.renditions,
    pictures: imaging.pictures,
    clock,
  })
  const publisher = new PublishService({
    podcasts,
    siteModel,
    mediaStorage: deps.storage,
    sync: deps.sync,
    publishDir: deps.publishDir,
    coverOf: (ownerId, imageId) => imaging.renditions.image(ownerId, imageId),
  })
  return { podcasts, episodes, episodeRows, siteModel, publisher }
}
