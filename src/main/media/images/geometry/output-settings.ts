import type { FilterOperation, OutputFormat, Rgb } from '../spec'
import type { SourceFormat, SourceImage } from './geometry-types'

/** Encoder qualities used when the spec has no quality operation for the output format (Wagtail's settings). */
export interface EncoderDefaults {
  /** WAGTAILIMAGES_JPEG_QUALITY: 76. */
  jpegQuality: number
  /** WAGTAILIMAGES_WEBP_QUALITY: 80. */
  webpQuality: number
  /** WAGTAILIMAGES_AVIF_QUALITY: 61. */
  avifQuality: number
}

export const ENCODER_DEFAULTS: Readonly<EncoderDefaults> = {
  jpegQuality: 76,
  webpQuality: 80,
  avifQuality: 61,
}

export interface OutputSettings {
  format: OutputFormat
  quality: number | null
  lossless: boolean
  background: Rgb | null
  srgb: boolean
}

const WHITE: Rgb = { r: 255, g: 255, b: 255 }

/**
 * The output format when the spec has no `format-*`: the source's own, except BMP → PNG, HEIC → JPEG
 * and a non-animated GIF → PNG (Wagtail), and TIFF → PNG (Castdesk; Wagtail cannot write TIFF).
 */
export function defaultOutputFormat(source: Pick<SourceImage, 'format' | 'animated'>): OutputFormat {
  const conversions: Record<SourceFormat, OutputFormat> = {
    jpeg: 'jpeg',
    png: 'png',
    gif: source.animated === true ? 'gif' : 'png',
    webp: 'webp',
    avif: 'avif',
    tiff: 'png',
    bmp: 'png',
    heic: 'jpeg',
  }
  return conversions[source.format]
}

/** Runs the filter operations in order, as Wagtail's Filter.run does after the transforms. */
export function resolveOutput(
  filters: readonly FilterOperation[],
  source: SourceImage,
  defaults: EncoderDefaults = ENCODER_DEFAULTS,
): OutputSettings {
  let format = defaultOutputFormat(source)
  let losslessOption = false
  let background: Rgb | null = null
  let srgb = false
  const qualities: Partial<Record<OutputFormat, number>> = {}
  for (const op of filters) {
    switch (op.name) {
      case 'format':
        format = op.format
        losslessOption = op.lossless
        break
      case 'bgcolor':
        // Once flattened the image has no alpha left, so a later bgcolor changes nothing.
        background ??= op.color
        break
      case 'srgb':
        srgb = true
        break
      case 'jpegquality':
      case 'webpquality':
      case 'avifquality':
        qualities[op.format] = op.quality
        break
      case 'original':
        break
    }
  }
  const mayHaveAlpha = source.hasAlpha ?? source.format !== 'jpeg'
  if (format === 'jpeg' && background === null && mayHaveAlpha) background = WHITE
  const lossless = losslessOption && (format === 'webp' || format === 'avif')
  return {
    format,
    quality: lossless ? null : quality(format, qualities, defaults),
    lossless,
    background,
    srgb,
  }
}

function quality(
  format: OutputFormat,
  qualities: Partial<Record<OutputFormat, number>>,
  defaults: EncoderDefaults,
): number | null {
  if (format === 'jpeg') return qualities.jpeg ?? defaults.jpegQuality
  if (format === 'webp') return qualities.webp ?? defaults.webpQuality
  if (format === 'avif') return qualities.avif ?? defaults.avifQuality
  return null
}
