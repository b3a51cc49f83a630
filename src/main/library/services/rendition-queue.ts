import type { JobsRepository } from '../../jobs/jobs.repository'
import { renditionFocalKey } from '../../media/images/geometry'
import type { SlotKind } from '../../media/images/planner'
import { type Clock, isoNow } from '../clock'
import type { RenditionsRepository } from '../repositories/renditions.repository'
import type { PictureService } from './picture.service'
import type { RenditionService } from './rendition.service'

/** Queues the renditions an image lacks for a kind of slot (django-cast's save-time create_renditions). */
export class RenditionQueue {
  constructor(
    private readonly deps: {
      renditions: RenditionService
      stored: RenditionsRepository
      pictures: PictureService
      jobs: JobsRepository
      clock: Clock
    },
  ) {}

  /** The specs of the owner's image in this kind of slot that have no rendition yet. */
  missing(ownerId: number, imageId: number, kind: SlotKind): string[] {
    const image = this.deps.renditions.image(ownerId, imageId)
    const specs = this.deps.pictures.plan(image, kind).specs
    return specs.filter(
      (spec) => !this.deps.stored.find(image.id, spec, renditionFocalKey(spec, image.focal)),
    )
  }

  /** Queues one job for the missing renditions, if any; returns how many renditions it will make. */
  queueMissing(ownerId: number, imageId: number, kind: SlotKind): number {
    const specs = this.missing(ownerId, imageId, kind)
    if (specs.length === 0) return 0
    this.deps.jobs.enqueue('image.renditions', { ownerId, imageId, specs }, isoNow(this.deps.clock), {
      dedupeKey: `image.renditions:${imageId}:${kind}`,
      ownerId,
    })
    return specs.length
  }
}
