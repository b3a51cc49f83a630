import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { CastdeskConfig } from '../../../shared/config-schema'
import type { JobsRepository } from '../../jobs/jobs.repository'
import { RenditionExecutor, type RenditionRenderer } from '../../media/images/rendition-executor'
import { RenditionProcess, renditionWorkerScript } from '../../media/images/worker/rendition-process'
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
  executor: RenditionRenderer
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
  const options = { avifEffort: deps.config.avifEffort }
  // Built (app, CLI, server): renditions are made in a rendition process; from source (tests), here.
  const script = renditionWorkerScript(dirname(fileURLToPath(import.meta.url)))
  const executor: RenditionRenderer = script
    ? new RenditionProcess(script, options)
    : new RenditionExecutor(options)
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
