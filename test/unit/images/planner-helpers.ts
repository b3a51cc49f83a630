import type { SourceFormat } from '../../../src/main/media/images/geometry'
import {
  type PlannerFormat,
  planResponsive,
  type ResponsivePlan,
  type SlotKind,
} from '../../../src/main/media/images/planner'

export const REGULAR_SLOTS = [{ width: 1110, height: 740 }]
export const GALLERY_SLOTS = [
  { width: 1110, height: 740 },
  { width: 120, height: 80 },
]

/** django-cast's defaults: jpeg + avif, 1110x740 regular, 1110x740 / 120x80 gallery, sRGB thumbnails. */
export function plan(
  width: number,
  height: number,
  format: SourceFormat,
  kind: SlotKind = 'regular',
  options: {
    imageFormats?: PlannerFormat[]
    thumbnailSrgb?: boolean
    slots?: { width: number; height: number }[]
  } = {},
): ResponsivePlan {
  return planResponsive({
    original: { width, height, format },
    kind,
    slots: options.slots ?? (kind === 'regular' ? REGULAR_SLOTS : GALLERY_SLOTS),
    imageFormats: options.imageFormats ?? ['jpeg', 'avif'],
    thumbnailSrgb: options.thumbnailSrgb ?? true,
  })
}
