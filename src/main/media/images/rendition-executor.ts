import sharp, { type Sharp } from 'sharp'
import { CastdeskError } from '../../../shared/errors'
import type { RenditionPlan } from './geometry'
import { MAX_INPUT_PIXELS } from './image-probe'

export interface RenderedRendition {
  plan: RenditionPlan
  data: Buffer
  /** Read back from the encoded output, not taken from the plan. */
  width: number
  height: number
}

export interface ExecutorOptions {
  avifEffort: number
}

interface Decoded {
  data: Buffer
  width: number
  height: number
  channels: 1 | 2 | 3 | 4
}

/**
 * Makes renditions with sharp: each source is decoded once (EXIF-oriented, converted to sRGB, and
 * shrunk on load when no plan crops), then every output is cut, resized and encoded from those
 * pixels, largest first.
 */
export class RenditionExecutor {
  /** How many times a source was decoded; a batch for one image decodes once. */
  decodes = 0
  encodes = 0

  constructor(private readonly options: ExecutorOptions) {}

  async render(
    sourcePath: string,
    source: { width: number; height: number },
    plans: readonly RenditionPlan[],
    label: string,
  ): Promise<RenderedRendition[]> {
    if (plans.length === 0) return []
    const decoded = await this.decode(sourcePath, source, plans, label)
    const scale = decoded.width / source.width
    const ordered = [...plans].sort((a, b) => b.width * b.height - a.width * a.height)
    const rendered: RenderedRendition[] = []
    for (const plan of ordered) rendered.push(await this.encode(decoded, scale, plan))
    return plans.map((plan) => rendered.find((r) => r.plan === plan) as RenderedRendition)
  }

  private async decode(
    path: string,
    source: { width: number; height: number },
    plans: readonly RenditionPlan[],
    label: string,
  ): Promise<Decoded> {
    const widest = Math.max(...plans.map((p) => p.width))
    const shrink = plans.every((p) => p.crop === null) && widest < source.width
    let pipeline = sharp(path, { failOn: 'truncated', limitInputPixels: MAX_INPUT_PIXELS }).rotate()
    if (shrink) pipeline = pipeline.resize({ width: widest })
    try {
      const { data, info } = await pipeline.toColourspace('srgb').raw().toBuffer({ resolveWithObject: true })
      this.decodes++
      return { data, width: info.width, height: info.height, channels: info.channels }
    } catch (error) {
      throw new CastdeskError(
        'corrupt_media',
        `${label} could not be decoded to make renditions (${(error as Error).message}). Import a fresh copy of the image.`,
        { cause: error },
      )
    }
  }

  private async encode(decoded: Decoded, scale: number, plan: RenditionPlan): Promise<RenderedRendition> {
    let image = sharp(decoded.data, {
      raw: { width: decoded.width, height: decoded.height, channels: decoded.channels },
    })
    if (plan.crop) image = image.extract(scaledCrop(plan.crop, scale, decoded))
    const croppedWidth = plan.crop ? Math.round(plan.crop.width * scale) : decoded.width
    const croppedHeight = plan.crop ? Math.round(plan.crop.height * scale) : decoded.height
    if (croppedWidth !== plan.width || croppedHeight !== plan.height) {
      image = image.resize(plan.width, plan.height, { fit: 'fill' })
    }
    if (plan.background) image = image.flatten({ background: plan.background })
    else if (plan.format === 'jpeg' && decoded.channels % 2 === 0)
      image = image.flatten({ background: '#ffffff' })
    image = this.encoder(image, plan)
    const { data, info } = await image.toBuffer({ resolveWithObject: true })
    this.encodes++
    return { plan, data, width: info.width, height: info.height }
  }

  private encoder(image: Sharp, plan: RenditionPlan): Sharp {
    const quality = plan.quality ?? undefined
    switch (plan.format) {
      case 'jpeg':
        return image.jpeg({ quality, progressive: true })
      case 'png':
        return image.png()
      case 'gif':
        return image.gif()
      case 'webp':
        return image.webp({ quality, lossless: plan.lossless })
      case 'avif':
        return image.avif({ quality, lossless: plan.lossless, effort: this.options.avifEffort })
    }
  }
}

function scaledCrop(
  crop: NonNullable<RenditionPlan['crop']>,
  scale: number,
  bounds: { width: number; height: number },
): { left: number; top: number; width: number; height: number } {
  const left = Math.min(Math.round(crop.left * scale), bounds.width - 1)
  const top = Math.min(Math.round(crop.top * scale), bounds.height - 1)
  return {
    left,
    top,
    width: Math.max(1, Math.min(Math.round(crop.width * scale), bounds.width - left)),
    height: Math.max(1, Math.min(Math.round(crop.height * scale), bounds.height - top)),
  }
}
