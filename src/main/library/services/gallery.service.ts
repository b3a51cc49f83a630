import { createHash } from 'node:crypto'
import type { JobsRepository } from '../../jobs/jobs.repository'
import { type Clock, isoNow } from '../clock'
import type { GalleriesRepository } from '../repositories/galleries.repository'
import type { PictureService } from './picture.service'
import type { RenditionService } from './rendition.service'

/** SHA-256 of the ordered image ids joined by ",": the same list is the same gallery. */
export function gallerySignature(imageIds: readonly number[]): string {
  return createHash('sha256').update(imageIds.join(',')).digest('hex')
}

/** Galleries: ordered image lists (duplicates allowed) whose gallery renditions are made in the background. */
export class GalleryService {
  constructor(
    private readonly galleries: GalleriesRepository,
    private readonly renditions: RenditionService,
    private readonly pictures: PictureService,
    private readonly jobs: JobsRepository,
    private readonly clock: Clock,
  ) {}

  /** Reuses the owner's gallery with the same ordered list, else creates one; queues missing renditions. */
  create(ownerId: number, imageIds: readonly number[]): { id: number; created: boolean; queued: number } {
    const images = [...new Set(imageIds)].map((id) => this.renditions.image(ownerId, id))
    const signature = gallerySignature(imageIds)
    const existing = this.galleries.findBySignature(ownerId, signature)
    const id = existing ?? this.galleries.insert(ownerId, signature, imageIds, isoNow(this.clock))
    for (const image of images) {
      this.jobs.enqueue(
        'image.renditions',
        { ownerId, imageId: image.id, specs: this.pictures.plan(image, 'gallery').specs },
        isoNow(this.clock),
        { dedupeKey: `image.renditions:${image.id}:gallery`, ownerId },
      )
    }
    return { id, created: existing === null, queued: images.length }
  }

  /** Makes every missing gallery rendition of the gallery now. */
  async makeRenditions(
    ownerId: number,
    galleryId: number,
  ): Promise<{ images: number; created: number } | null> {
    const ids = this.galleries.imageIds(ownerId, galleryId)
    if (!ids) return null
    let created = 0
    const distinct = [...new Set(ids)]
    for (const imageId of distinct) {
      const image = this.renditions.image(ownerId, imageId)
      created += (
        await this.renditions.ensureCounted(ownerId, imageId, this.pictures.plan(image, 'gallery').specs)
      ).created
    }
    return { images: distinct.length, created }
  }
}
