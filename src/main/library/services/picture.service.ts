import type { CastdeskConfig } from '../../../shared/config-schema'
import type { SourceFormat } from '../../media/images/geometry'
import { galleryThumbnailMarkup, regularPictureMarkup } from '../../media/images/markup'
import {
  type ExistingRendition,
  type ImageForSlot,
  planResponsive,
  type ResponsivePlan,
  resolveImagesForSlots,
  responsiveInput,
  type SlotKind,
} from '../../media/images/planner'
import type { Storage } from '../../storage/storage'
import type { ImageSource } from '../repositories/images.repository'
import type { RenditionService } from './rendition.service'

export interface SlotJson {
  slot: string
  width: number
  height: number
  sizes: string
  sources: { format: string; src: string | null; srcset: { url: string; width: number }[] }[]
}

export interface PictureResult extends SlotJson {
  /** Every filter spec planned for the image in this kind of slot. */
  specs: string[]
  html: string
  /** Gallery only: the modal (large) slot; the top level describes the thumbnail. */
  modal?: SlotJson
}

/** The responsive `<picture>` of an image: plans django-cast's renditions, makes missing ones, builds markup. */
export class PictureService {
  constructor(
    private readonly renditions: RenditionService,
    private readonly storage: Storage,
    private readonly config: CastdeskConfig,
  ) {}

  plan(image: ImageSource, kind: SlotKind): ResponsivePlan {
    return planResponsive(
      responsiveInput(this.config, kind, {
        width: image.width,
        height: image.height,
        format: image.format as SourceFormat,
      }),
    )
  }

  async picture(ownerId: number, imageId: number, kind: SlotKind): Promise<PictureResult> {
    const image = this.renditions.image(ownerId, imageId)
    const plan = this.plan(image, kind)
    const made = await this.renditions.ensure(ownerId, imageId, plan.specs)
    const bySpec = new Map<string, ExistingRendition>(
      made.map((r) => [r.spec, { url: r.url, width: r.width, height: r.height }]),
    )
    const slots = resolveImagesForSlots(plan, bySpec, this.storage.url(image.key))
    if (kind === 'regular') {
      const slot = slots[0] as ImageForSlot
      return {
        ...slotJson('regular', slot),
        specs: plan.specs,
        html: regularPictureMarkup(slot, image.altText),
      }
    }
    const [modal, thumbnail] = slots as [ImageForSlot, ImageForSlot]
    return {
      ...slotJson('gallery', thumbnail),
      specs: plan.specs,
      html: galleryThumbnailMarkup({ thumbnail, modal, alt: image.altText }),
      modal: slotJson('modal', modal),
    }
  }
}

function slotJson(name: string, slot: ImageForSlot): SlotJson {
  return {
    slot: name,
    width: slot.width,
    height: slot.height,
    sizes: slot.sizes,
    sources: slot.sources.map((source) => ({
      format: source.format,
      src: source.src,
      srcset: source.srcset.map((entry) => ({ url: entry.url, width: entry.width })),
    })),
  }
}
