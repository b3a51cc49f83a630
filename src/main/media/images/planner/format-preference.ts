import type { PlannerFormat } from './responsive-planner'

/** Which format the `<img>` fallback (and the reported size) comes from: the most widely supported first. */
export const FALLBACK_FORMAT_PREFERENCE: readonly PlannerFormat[] = ['jpeg', 'png', 'webp', 'avif']

/** Order of `<source>` elements: browsers take the first type they support, so the smallest first. */
export const SOURCE_FORMAT_ORDER: readonly PlannerFormat[] = ['avif', 'webp', 'jpeg', 'png']

export const FORMAT_MIME_TYPES: Readonly<Record<PlannerFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
}

/** `formats` sorted by the fallback preference. */
export function byFallbackPreference<T extends PlannerFormat>(formats: readonly T[]): T[] {
  return [...formats].sort(
    (a, b) => FALLBACK_FORMAT_PREFERENCE.indexOf(a) - FALLBACK_FORMAT_PREFERENCE.indexOf(b),
  )
}
