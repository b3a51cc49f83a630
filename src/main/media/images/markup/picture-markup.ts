import {
  byFallbackPreference,
  FORMAT_MIME_TYPES,
  type ImageForSlot,
  type PlannerFormat,
  type SlotSource,
  SOURCE_FORMAT_ORDER,
  type SrcsetEntry,
} from '../planner'
import { type Attribute, attributes } from './html-escape'

/** django-cast puts this in front of a regular image's `sizes`: phones show it at most 555px wide. */
export const REGULAR_SIZES_PREFIX = '(max-width: 600px) 555px, '

export interface PictureOptions {
  alt: string
  /** The `sizes` of every `<source>` and of the `<img>`. */
  sizes: string
  imgClass: string
  lazy?: boolean
  /** Extra attributes for the `<source>` of one format (e.g. data-modal-*). */
  sourceAttributes?: (format: PlannerFormat) => readonly Attribute[]
  /** Extra attributes for the `<img>`, after the standard ones. */
  imgAttributes?: readonly Attribute[]
}

export function srcsetValue(entries: readonly SrcsetEntry[]): string {
  return entries.map((entry) => `${entry.url} ${entry.width}w`).join(', ')
}

/** The source whose file the `<img>` falls back to: jpeg > png > webp > avif among those with a file. */
export function fallbackSource(image: ImageForSlot): SlotSource | undefined {
  const available = image.sources.filter((source) => source.src !== null || source.srcset.length > 0)
  const [format] = byFallbackPreference(available.map((source) => source.format))
  return available.find((source) => source.format === format)
}

/**
 * `<picture>` with one `<source type srcset sizes>` per other format that has files (AVIF first,
 * then WebP, JPEG, PNG) and an `<img>` fallback. Every value is HTML-escaped.
 */
export function pictureMarkup(image: ImageForSlot, options: PictureOptions): string {
  const fallback = fallbackSource(image)
  const sources = SOURCE_FORMAT_ORDER.flatMap((format) => {
    const source = image.sources.find((s) => s.format === format)
    if (source === undefined || source === fallback || source.srcset.length === 0) return []
    const standard: Attribute[] = [
      ['type', FORMAT_MIME_TYPES[format]],
      ['srcset', srcsetValue(source.srcset)],
      ['sizes', options.sizes],
    ]
    return [`<source${attributes([...standard, ...(options.sourceAttributes?.(format) ?? [])])}>`]
  })
  const img: Attribute[] = [
    ['class', options.imgClass],
    ['src', fallback?.src ?? fallback?.srcset[0]?.url],
    ['srcset', fallback && fallback.srcset.length > 0 ? srcsetValue(fallback.srcset) : null],
    ['sizes', fallback ? options.sizes : null],
    ['width', image.width],
    ['height', image.height],
    ['alt', options.alt],
    ['loading', options.lazy ? 'lazy' : null],
    ...(options.imgAttributes ?? []),
  ]
  return `<picture>${sources.join('')}<img${attributes(img)}></picture>`
}

/** A regular image as django-cast renders it (without its surrounding link). */
export function regularPictureMarkup(image: ImageForSlot, alt: string): string {
  return pictureMarkup(image, { alt, sizes: `${REGULAR_SIZES_PREFIX}${image.sizes}`, imgClass: 'cast-image' })
}
