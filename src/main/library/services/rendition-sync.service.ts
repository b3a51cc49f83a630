import { type ImageUse, planRenditionSync } from '../../media/images/planner'
import type { GalleriesRepository } from '../repositories/galleries.repository'
import type { ImagesRepository } from '../repositories/images.repository'
import type { RenditionsRepository } from '../repositories/renditions.repository'
import type { PictureService } from './picture.service'
import type { RenditionService } from './rendition.service'

export interface RenditionSyncResult {
  images: number
  missing: number
  created: number
  obsolete: number
}

/**
 * django-cast's sync_renditions for one owner: regular renditions of every image, gallery
 * renditions of gallery members; only obsolete sRGB counterparts are removed.
 */
export class RenditionSyncService {
  constructor(
    private readonly images: ImagesRepository,
    private readonly galleries: GalleriesRepository,
    private readonly stored: RenditionsRepository,
    private readonly renditions: RenditionService,
    private readonly pictures: PictureService,
  ) {}

  async sync(
    ownerId: number,
    onProgress?: (done: number, total: number) => void,
  ): Promise<RenditionSyncResult> {
    const images = this.images.sources(ownerId)
    const members = new Set(this.galleries.galleryMemberIds(ownerId))
    const uses: ImageUse[] = images.flatMap((image) => [
      { imageId: image.id, plan: this.pictures.plan(image, 'regular') },
      ...(members.has(image.id) ? [{ imageId: image.id, plan: this.pictures.plan(image, 'gallery') }] : []),
    ])
    const plan = planRenditionSync(uses, this.stored.specsOfOwner(ownerId))
    for (const { imageId, spec } of plan.obsolete) {
      await this.renditions.remove(this.stored.forImage(imageId).filter((r) => r.spec === spec))
    }
    const missing = plan.missing.reduce((sum, m) => sum + m.specs.length, 0)
    let created = 0
    for (const [index, { imageId, specs }] of plan.missing.entries()) {
      created += (await this.renditions.ensureCounted(ownerId, imageId, specs)).created
      onProgress?.(index + 1, plan.missing.length)
    }
    return { images: images.length, missing, created, obsolete: plan.obsolete.length }
  }
}
