import type { CastdeskConfig } from '../../../shared/config-schema'
import type { JobsRepository } from '../../jobs/jobs.repository'
import { RenditionExecutor } from '../../media/images/rendition-executor'
import type { Storage } from '../../storage/storage'
import type { Clock } from '../clock'
import type { Db } from '../database'
import type { BlobsRepository } from '../repositories/blobs.repository'
import { GalleriesRepository } from '../repositories/galleries.repository'
import { ImagesRepository } from '../repositories/images.repository'
import { RenditionsRepository } from '../repositories/renditions.repository'
import { GalleryService } from './gallery.service'
import { PictureService } from './picture.service'
import { RenditionService } from './rendition.service'
import { RenditionSyncService } from './rendition-sync.service'

export interface ImageServices {
  images: ImagesRepository
  storedRenditions: RenditionsRepository
  executor: RenditionExecutor
  renditions: RenditionService
  pictures: PictureService
  galleries: GalleryService
  renditionSync: RenditionSyncService
}

export function createImageServices(deps: {
  db: Db
  blobs: BlobsRepository
  jobs: JobsRepository
  storage: Storage
  config: CastdeskConfig
  clock: Clock
  stagingDir: string
}): ImageServices {
  const images = new ImagesRepository(deps.db)
  const storedRenditions = new RenditionsRepository(deps.db)
  const galleriesRepo = new GalleriesRepository(deps.db)
  const executor = new RenditionExecutor({ avifEffort: deps.config.avifEffort })
  const renditions = new RenditionService({ ...deps, images, renditions: storedRenditions, executor })
  const pictures = new PictureService(renditions, deps.storage, deps.config)
  return {
    images,
    storedRenditions,
    executor,
    renditions,
    pictures,
    galleries: new GalleryService(galleriesRepo, renditions, pictures, deps.jobs, deps.clock),
    renditionSync: new RenditionSyncService(images, galleriesRepo, storedRenditions, renditions, pictures),
  }
}
