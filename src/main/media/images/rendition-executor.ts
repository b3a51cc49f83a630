import { availableParallelism } from 'node:os'
import pLimit, { type LimitFunction } from 'p-limit'
import type { Sharp, default as SharpFactory } from 'sharp'
import { CastdeskError } from '../../../shared/errors'
import { lazy, requireLazily } from '../../platform/lazy'
import type { RenditionPlan } from './geometry'
import { MAX_INPUT_PIXELS } from './image-probe'

const sharp = lazy(() => requireLazily('sharp') as typeof SharpFactory)

export interface RenderedRendition {
  plan: RenditionPlan
  data: Buffer
  /** Read back from the encoded output, not taken from the plan. */
  width: number
  height: number
}

export interface ExecutorOptions {
  avifEffort: number
  /**
   * How many outputs are encoded at once, over every batch of this executor (default: the core
   * count, at most libuv's pool size less one).
   */
  encodeSlots?: number
}

/** Makes a batch of renditions of one source: in this process or in a rendition process. */
export interface RenditionRenderer {
  /** How many times a source was decoded; a batch for one image decodes once. */
  readonly decodes: number
  readonly encodes: number
  render(
    sourcePath: string,
    source: { width: number; height: number },
    plans: readonly RenditionPlan[],
    label: string,
  ): Promise<RenderedRendition[]>
  close(): void
}

interface Decoded {
  data: Buffer
  width: number
  height: number
  channels: 1 | 2 | 3 | 4
}

/**
 * Makes renditions with sharp: each source is decoded once (EXIF-oriented, converted to sRGB, and
 * shrunk on load to the widest output when no plan crops), then every output is cut, resized and
 * encoded from those pixels. Outputs are encoded in parallel, largest first, through one queue
 * shared by every batch: AVIF encoding dominates and libaom runs single-threaded under sharp's
 * default concurrency on glibc, so parallel outputs are what keep every core busy, and the queue
 * bounds the memory (one encoder each) whatever the job concurrency.
 */
export class RenditionExecutor implements RenditionRenderer {
  decodes = 0
  encodes = 0
  private readonly slots: LimitFunction

  constructor(private readonly options: ExecutorOptions) {
    this.slots = pLimit(Math.max(1, options.encodeSlots ?? defaultEncodeSlots()))
  }

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
    let failure: { error: unknown } | null = null
    const rendered = await Promise.all(
      ordered.map((plan) =>
        this.slots(async () => {
          // After a failure the batch is lost: outputs still waiting are not encoded.
          if (failure) return null
          try {
            return await this.encode(decoded, scale, plan)
          } catch (error) {
            failure ??= { error }
            return null
          }
        }),
      ),
    )
    if (failure) throw (failure as { error: unknown }).error
    return plans.map((plan) => rendered.find((r) => r?.plan === plan) as RenderedRendition)
  }

  close(): void {}

  private async decode(
    path: string,
    source: { width: number; height: number },
    plans: readonly RenditionPlan[],
    label: string,
  ): Promise<Decoded> {
    const widest = plans.reduce((a, b) => (b.width > a.width ? b : a))
    const shrink = plans.every((p) => p.crop === null) && widest.width < source.width
    let pipeline = sharp()(path, { failOn: 'truncated', limitInputPixels: MAX_INPUT_PIXELS }).rotate()
    // Straight to the widest output's planned size (Wagtail truncates where sharp would round the
    // height), so that output needs no second resample.
    if (shrink) pipeline = pipeline.resize(widest.width, widest.height, { fit: 'fill' })
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
    let image = sharp()(decoded.data, {
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
        // 4:2:0 as Pillow (and so Wagtail) encodes lossy AVIF: 4-7× faster than sharp's 4:4:4
        // default at the same quality setting, and no larger.
        return image.avif({
          quality,
          lossless: plan.lossless,
          effort: this.options.avifEffort,
          chromaSubsampling: plan.lossless ? '4:4:4' : '4:2:0',
        })
    }
  }
}

/**
 * One encoder per core, leaving one thread of libuv's pool (which runs sharp's work) free for file
 * I/O, so that storage writes and reads do not wait behind long AVIF encodes.
 */
function defaultEncodeSlots(): number {
  const pool = Number(process.env.UV_THREADPOOL_SIZE) || 4
  return Math.max(1, Math.min(availableParallelism(), pool - 1))
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
