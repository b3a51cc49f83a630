import type { ResponsivePlan } from './responsive-planner'
import { srgbCounterpart } from './srgb-counterpart'

/** One use of an image: its plan as a regular image or as a gallery member. An image may have both. */
export interface ImageUse {
  imageId: number
  plan: ResponsivePlan
}

export interface StoredSpec {
  imageId: number
  spec: string
}

export interface RenditionSyncPlan {
  /** Per image (in order of first use), the planned specs with no stored rendition, in plan order. */
  missing: { imageId: number; specs: string[] }[]
  /** Stored renditions to delete: only sRGB counterparts of gallery thumbnail specs nobody requires. */
  obsolete: StoredSpec[]
}

/**
 * django-cast's sync_renditions decision. Every other stored spec (`width-400`, `fill-80x80`, a
 * `width-1110|srgb` of a regular slot, …) is kept: nothing says Castdesk planned it.
 */
export function planRenditionSync(
  uses: readonly ImageUse[],
  existing: readonly StoredSpec[],
): RenditionSyncPlan {
  const key = (imageId: number, spec: string) => `${imageId}|${spec}`
  const required = new Set<string>()
  const counterparts = new Set<string>()
  const specsByImage = new Map<number, string[]>()
  for (const { imageId, plan } of uses) {
    const specs = specsByImage.get(imageId) ?? []
    for (const spec of plan.specs) {
      if (!required.has(key(imageId, spec))) specs.push(spec)
      required.add(key(imageId, spec))
    }
    specsByImage.set(imageId, specs)
    if (plan.kind !== 'gallery') continue
    for (const slot of plan.slots.filter((s) => s.role === 'thumbnail')) {
      for (const rendition of slot.formats.flatMap((f) => f.renditions)) {
        const counterpart = srgbCounterpart(rendition.spec)
        if (counterpart !== null) counterparts.add(key(imageId, counterpart))
      }
    }
  }
  const stored = new Set(existing.map(({ imageId, spec }) => key(imageId, spec)))
  const missing = [...specsByImage]
    .map(([imageId, specs]) => ({ imageId, specs: specs.filter((spec) => !stored.has(key(imageId, spec))) }))
    .filter(({ specs }) => specs.length > 0)
  const seen = new Set<string>()
  const obsolete = existing.filter(({ imageId, spec }) => {
    const k = key(imageId, spec)
    const drop = !required.has(k) && counterparts.has(k) && !seen.has(k)
    seen.add(k)
    return drop
  })
  return { missing, obsolete }
}
