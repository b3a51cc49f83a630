import { CastdeskError } from '../../../../shared/errors'
import { planRendition } from '../geometry'
import type { Size } from './fitting-width'
import { byFallbackPreference } from './format-preference'
import type { PlannerFormat, ResponsivePlan, SlotPlan, SlotRole } from './responsive-planner'
import { srgbCounterpart } from './srgb-counterpart'

/** A stored rendition: its URL and the real pixel size read from the file. */
export interface ExistingRendition {
  url: string
  width: number
  height: number
}

export interface SrcsetEntry {
  url: string
  /**
   * The `w` descriptor. Like django-cast this is the planned (nominal) width, even for a format-only
   * rendition whose file is narrower; in the too-small fallback it is the file's real width. Keeping
   * django-cast's numbers keeps the markup identical to a django-cast site's for the same renditions.
   */
  width: number
  /** Real pixel size of the file (django-cast reports no height per rendition). */
  height: number
  realWidth: number
  /** The spec of the file used (possibly its sRGB counterpart); null for the original. */
  spec: string | null
}

export interface SlotSource {
  format: PlannerFormat
  /** The 1× rendition's URL; null while it has not been made. */
  src: string | null
  srcset: SrcsetEntry[]
}

/** django-cast's ImageForSlot with real sizes; what markup builders and `image picture --json` use. */
export interface ImageForSlot {
  slot: Size
  role: SlotRole
  /** Real size of the 1× rendition (the original in the fallback); django-cast reports fitting width × slot height. */
  width: number
  height: number
  /** `{fitting width}px`, as django-cast. */
  sizes: string
  /** The specs planned for this slot. */
  specs: string[]
  usesOriginal: boolean
  /** One per image format, in the configured order. */
  sources: SlotSource[]
}

interface Found {
  spec: string
  rendition: ExistingRendition
}

/** Resolves every slot of the plan. */
export function resolveImagesForSlots(
  plan: ResponsivePlan,
  renditions: ReadonlyMap<string, ExistingRendition>,
  originalUrl: string,
): ImageForSlot[] {
  return plan.slots.map((_, index) => resolveImageForSlot(plan, index, renditions, originalUrl))
}

/** Resolves one slot against the renditions that exist, keyed by spec. */
export function resolveImageForSlot(
  plan: ResponsivePlan,
  slotIndex: number,
  renditions: ReadonlyMap<string, ExistingRendition>,
  originalUrl: string,
): ImageForSlot {
  const slot = plan.slots[slotIndex]
  if (slot === undefined)
    throw new CastdeskError('internal', `The image plan has no slot number ${slotIndex}.`)
  const find = (spec: string): Found | null => findRendition(spec, slot, renditions)
  const sources = slot.usesOriginal
    ? plan.imageFormats.map((format) => originalSource(plan, slot, format, originalUrl, find))
    : slot.formats.map(({ format, renditions: planned }) => {
        const srcset: SrcsetEntry[] = []
        let src: string | null = null
        for (const rendition of planned) {
          const found = find(rendition.spec)
          if (found === null) continue
          srcset.push(entry(found.rendition, rendition.width, found.spec))
          if (rendition.width === slot.fittingWidth) src = found.rendition.url
        }
        return { format, src, srcset }
      })
  const size = slot.usesOriginal ? plan.original : oneXSize(plan, slot, find)
  return {
    slot: { ...slot.slot },
    role: slot.role,
    width: size.width,
    height: size.height,
    sizes: `${slot.fittingWidth}px`,
    specs: [...new Set(slot.formats.flatMap((f) => f.renditions.map((r) => r.spec)))],
    usesOriginal: slot.usesOriginal,
    sources,
  }
}

function findRendition(
  spec: string,
  slot: SlotPlan,
  renditions: ReadonlyMap<string, ExistingRendition>,
): Found | null {
  const direct = renditions.get(spec)
  if (direct !== undefined) return { spec, rendition: direct }
  if (!slot.srgbCounterpartFallback) return null
  const counterpart = srgbCounterpart(spec)
  const other = counterpart === null ? undefined : renditions.get(counterpart)
  return counterpart !== null && other !== undefined ? { spec: counterpart, rendition: other } : null
}

/**
 * django-cast's too-small fallback: the original for its own format, a format-only rendition
 * (with its real width) for the others. django-cast looks only for `format-X`; the planned spec
 * (`srgb|format-X` on an sRGB thumbnail) is tried first, so the sRGB file wins when it exists.
 */
function originalSource(
  plan: ResponsivePlan,
  slot: SlotPlan,
  format: PlannerFormat,
  originalUrl: string,
  find: (spec: string) => Found | null,
): SlotSource {
  const { original } = plan
  if (format === original.format) {
    return {
      format,
      src: originalUrl,
      srcset: [entry({ url: originalUrl, ...original }, original.width, null)],
    }
  }
  const planned = slot.formats.find((f) => f.format === format)?.renditions.find((r) => r.density === null)
  const candidates = [...new Set([...(planned ? [planned.spec] : []), `format-${format}`])]
  for (const spec of candidates) {
    const found = find(spec)
    if (found !== null) {
      return {
        format,
        src: found.rendition.url,
        srcset: [entry(found.rendition, found.rendition.width, found.spec)],
      }
    }
  }
  return { format, src: null, srcset: [] }
}

/** The real size of the 1× rendition in the preferred fallback format, else the size it will have. */
function oneXSize(plan: ResponsivePlan, slot: SlotPlan, find: (spec: string) => Found | null): Size {
  const oneX = byFallbackPreference(slot.formats.map((f) => f.format)).flatMap((format) => {
    const planned = slot.formats.find((f) => f.format === format)?.renditions ?? []
    return planned.filter((r) => r.width === slot.fittingWidth)
  })
  for (const rendition of oneX) {
    const found = find(rendition.spec)
    if (found !== null) return { width: found.rendition.width, height: found.rendition.height }
  }
  const expected = oneX[0]
  if (expected === undefined) return { width: slot.fittingWidth, height: slot.slot.height }
  const { width, height } = planRendition(expected.spec, plan.original)
  return { width, height }
}

function entry(rendition: ExistingRendition, descriptor: number, spec: string | null): SrcsetEntry {
  return { url: rendition.url, width: descriptor, height: rendition.height, realWidth: rendition.width, spec }
}
