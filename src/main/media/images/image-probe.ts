import type SharpFactory from 'sharp'
import { CastdeskError } from '../../../shared/errors'
import { lazy, requireLazily } from '../../platform/lazy'
import type { ImageFormat } from '../detect'
import { endsWhole } from './image-complete'

const sharp = lazy(() => requireLazily('sharp') as typeof SharpFactory)

export interface ImageProbe {
  /** Size after EXIF orientation, as the image is shown. */
  width: number
  height: number
  format: ImageFormat
  hasAlpha: boolean
}

/** Larger than this many pixels is refused before decoding (sharp's default, 0x3FFF²). */
export const MAX_INPUT_PIXELS = 268_402_689

const SHARP_FORMAT: Record<string, ImageFormat> = {
  jpeg: 'jpeg',
  png: 'png',
  gif: 'gif',
  webp: 'webp',
  tiff: 'tiff',
  heif: 'avif',
}

/**
 * Reads the size and format; a truncated file fails here: a JPEG or PNG that ends as its format
 * ends is whole, any other image is decoded to a small preview to find out.
 */
export async function probeImage(path: string, fileLabel: string): Promise<ImageProbe> {
  try {
    const meta = await sharp()(path, { limitInputPixels: false }).metadata()
    const format = SHARP_FORMAT[meta.format ?? '']
    if (!format || !meta.width || !meta.height) {
      throw new CastdeskError(
        'unsupported_media',
        `${fileLabel} is not an image format Castdesk can process.`,
      )
    }
    if (meta.width * meta.height > MAX_INPUT_PIXELS) {
      throw new CastdeskError(
        'file_too_large',
        `${fileLabel} is ${meta.width}×${meta.height} pixels, more than Castdesk decodes (${MAX_INPUT_PIXELS.toLocaleString('en')} pixels). Scale it down first.`,
      )
    }
    if (!(await endsWhole(path, format))) {
      await sharp()(path, { failOn: 'truncated', limitInputPixels: MAX_INPUT_PIXELS })
        .resize(64, 64, { fit: 'inside' })
        .raw()
        .toBuffer()
    }
    const rotated = (meta.orientation ?? 1) >= 5
    return {
      width: rotated ? meta.height : meta.width,
      height: rotated ? meta.width : meta.height,
      format,
      hasAlpha: meta.hasAlpha ?? false,
    }
  } catch (error) {
    if (error instanceof CastdeskError) throw error
    throw new CastdeskError(
      'corrupt_media',
      `${fileLabel} could not be read as an image (${(error as Error).message}). Re-export it and import it again.`,
      { cause: error },
    )
  }
}
