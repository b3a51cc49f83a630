import type { CastdeskConfig } from '../../../../shared/config-schema'
import { CastdeskError } from '../../../../shared/errors'
import type { SourceFormat } from '../geometry'
import { fittingWidth, type Size } from './fitting-width'

export type PlannerFormat = CastdeskConfig['imageFormats'][number]
export type SlotKind = 'regular' | 'gallery'
export type SlotRole = 'regular' | 'modal' | 'thumbnail'

export interface OriginalImage {
  width: number
  height: number
  format: SourceFormat
}

export interface ResponsiveInput {
  original: OriginalImage
  kind: SlotKind
  /** Regular: every regular slot. Gallery: exactly [modal, thumbnail]. */
  slots: readonly Size[]
  /** Output formats in order of preference (django-cast's CAST_IMAGE_FORMATS). */
  imageFormats: readonly PlannerFormat[]
  /** Gallery only: add `srgb` to the thumbnail slot's specs (CAST_GALLERY_THUMBNAIL_RENDITIONS_SRGB). */
  thumbnailSrgb: boolean
}

export interface PlannedRendition {
  spec: string
  format: PlannerFormat
  /** The nominal width: fitting width × density, or the fitting width for a format-only spec. */
  width: number
  /** 1, 2 or 3; null for a format-only spec (the image was too small for any density). */
  density: number | null
}

export interface SlotFormatPlan {
  format: PlannerFormat
  renditions: PlannedRendition[]
}

export interface SlotPlan {
  slot: Size
  role: SlotRole
  fittingWidth: number
  srgb: boolean
  /** The gallery thumbnail slot: a missing rendition may be replaced by its sRGB counterpart. */
  srgbCounterpartFallback: boolean
  /** django-cast's "too small" fallback: the original file stands in for its own format. */
  usesOriginal: boolean
  formats: SlotFormatPlan[]
}

export interface ResponsivePlan {
  kind: SlotKind
  original: OriginalImage
  imageFormats: PlannerFormat[]
  slots: SlotPlan[]
  /** Every spec to render, ordered by slot, then format, then density; each spec once. */
  specs: string[]
}

const DENSITIES = [1, 2, 3]

/** The planner input for an image from Castdesk's configuration (django-cast's settings). */
export function responsiveInput(
  config: Pick<CastdeskConfig, 'imageFormats' | 'regularSlots' | 'gallerySlots' | 'galleryThumbnailSrgb'>,
  kind: SlotKind,
  original: OriginalImage,
): ResponsiveInput {
  const slots = kind === 'regular' ? config.regularSlots : config.gallerySlots
  return {
    original,
    kind,
    slots: slots.map(([width, height]) => ({ width, height })),
    imageFormats: config.imageFormats,
    thumbnailSrgb: config.galleryThumbnailSrgb,
  }
}

/** django-cast's RenditionFilters: the filter specs a slot needs, byte for byte. */
export function planResponsive(input: ResponsiveInput): ResponsivePlan {
  checkInput(input)
  const imageFormats = [...new Set(input.imageFormats)]
  const thumbnail = input.kind === 'gallery' ? input.slots[1] : undefined
  const slots = input.slots.map((slot, index): SlotPlan => {
    const isThumbnailSize = thumbnail !== undefined && sameSize(slot, thumbnail)
    const srgb = isThumbnailSize && input.thumbnailSrgb
    const fitting = fittingWidth(input.original, slot)
    const formats = imageFormats.map((format) => ({
      format,
      renditions: planFormat(input.original, fitting, format, srgb),
    }))
    return {
      slot: { width: slot.width, height: slot.height },
      role: input.kind === 'regular' ? 'regular' : index === 0 ? 'modal' : 'thumbnail',
      fittingWidth: fitting,
      srgb,
      srgbCounterpartFallback: isThumbnailSize,
      // django-cast falls back when any format lacks exactly one rendition at the fitting width.
      usesOriginal: formats.some((f) => f.renditions.filter((r) => r.width === fitting).length !== 1),
      formats,
    }
  })
  const specs = [
    ...new Set(slots.flatMap((slot) => slot.formats.flatMap((f) => f.renditions.map((r) => r.spec)))),
  ]
  return { kind: input.kind, original: { ...input.original }, imageFormats, slots, specs }
}

function planFormat(
  original: OriginalImage,
  fitting: number,
  format: PlannerFormat,
  srgb: boolean,
): PlannedRendition[] {
  const converts = format !== original.format
  const renditions: PlannedRendition[] = []
  for (const density of DENSITIES) {
    const width = fitting * density
    // Strictly greater: exactly 80 % of the original is still made.
    if (width > original.width * 0.8) continue
    const spec = [
      `width-${width}`,
      ...(srgb ? ['srgb'] : []),
      ...(converts ? [`format-${format}`] : []),
    ].join('|')
    renditions.push({ spec, format, width, density })
  }
  if (renditions.length === 0 && converts) {
    const spec = [...(srgb ? ['srgb'] : []), `format-${format}`].join('|')
    renditions.push({ spec, format, width: fitting, density: null })
  }
  return renditions
}

function sameSize(a: Size, b: Size): boolean {
  return a.width === b.width && a.height === b.height
}

function checkInput(input: ResponsiveInput): void {
  const { original, slots, kind } = input
  if (!isPositiveInteger(original.width) || !isPositiveInteger(original.height)) {
    throw new CastdeskError(
      'invalid_input',
      `An image of ${original.width}x${original.height} pixels cannot get renditions; its size must be at least 1x1.`,
    )
  }
  if (slots.some((slot) => !isPositiveInteger(slot.width) || !isPositiveInteger(slot.height))) {
    throw new CastdeskError(
      'invalid_config',
      'Every image slot needs a whole-number width and height of at least 1.',
    )
  }
  if (kind === 'regular' && slots.length === 0) {
    throw new CastdeskError(
      'invalid_config',
      'At least one regular image slot is needed, e.g. [[1110, 740]].',
    )
  }
  if (kind === 'gallery' && slots.length !== 2) {
    throw new CastdeskError('invalid_config', 'Gallery images need exactly two slots: [modal, thumbnail].')
  }
  if (input.imageFormats.length === 0) {
    throw new CastdeskError('invalid_config', 'At least one image format is needed, e.g. ["jpeg", "avif"].')
  }
}

function isPositiveInteger(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 1
}
