import type { OutputFormat, Rgb } from '../spec'

/** Formats a source image may have. BMP and HEIC are listed because Wagtail converts them by default. */
export type SourceFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'tiff' | 'bmp' | 'heic'

export interface SourceImage {
  /** Size after EXIF orientation was applied. */
  width: number
  height: number
  format: SourceFormat
  /** Unknown means "possibly", except for JPEG, which cannot carry alpha. */
  hasAlpha?: boolean
  /** Only animated GIFs stay GIF by default. */
  animated?: boolean
}

/** Wagtail's focal point: centre x/y plus width/height, in source pixels. */
export interface FocalPoint {
  x: number
  y: number
  width: number
  height: number
}

export interface CropBox {
  left: number
  top: number
  width: number
  height: number
}

/**
 * What an executor does to a decoded, EXIF-oriented source: one extract, one resize, one encode.
 * `crop` is null when the whole image is kept; `resize` is null when the crop already has the final
 * size. The resize is to exactly these dimensions (the aspect ratio may move by a pixel, as in Wagtail).
 */
export interface RenditionPlan {
  spec: string
  crop: CropBox | null
  resize: { width: number; height: number } | null
  /** Final pixel size of the rendition. */
  width: number
  height: number
  format: OutputFormat
  /** Encoder quality; null for PNG, GIF and lossless WebP/AVIF. */
  quality: number | null
  lossless: boolean
  /** Flatten alpha onto this colour; null leaves alpha alone. */
  background: Rgb | null
  /** Convert to compact sRGB (django-cast's `srgb`); strip the ICC profile if that fails. */
  srgb: boolean
}
