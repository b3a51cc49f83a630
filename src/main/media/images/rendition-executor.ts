import { availableParallelism } from 'node:os'
import type { Sharp, default as SharpFactory } from 'sharp'
import { CastdeskError } from '../../../shared/errors'
import { lazy, requireLazily } from '../../platform/lazy'
import { EncodeQueue } from './encode-queue'
import type { RenditionPlan } from './geometry'
import { MAX_INPUT_PIXELS } from './image-probe'
import type { Rgb } from './spec'

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
  private readonly slots: EncodeQueue

  constructor(private readonly options: ExecutorOptions) {
    this.slots = new EncodeQueue(
      Math.max(1, options.encodeSlots ?? defaultEncodeSlots()),
      AVIF_PIXELS_AT_ONCE,
    )
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
    const shared = new SharedPixels(decoded, scale, ordered)
    let failure: { error: unknown } | null = null
    const rendered = await Promise.all(
      ordered.map((plan) =>
        this.slots.run(encoderWeight(plan), async () => {
          // After a failure the batch is lost: outputs still waiting are not encoded.
          if (failure) return null
          try {
            return await this.encode(decoded, scale, plan, shared)
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

  private async encode(
    decoded: Decoded,
    scale: number,
    plan: RenditionPlan,
    shared: SharedPixels,
  ): Promise<RenderedRendition> {
    const prepared = shared.pixelsFor(plan)
    try {
      const image = prepared ? rawImage(await prepared) : pixelPipeline(decoded, scale, plan)
      const { data, info } = await this.encoder(image, plan).toBuffer({ resolveWithObject: true })
      this.encodes++
      return { plan, data, width: info.width, height: info.height }
    } finally {
      shared.release(plan)
    }
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
 * The pixels an encoder gets for a plan: the decoded source cut, resized and flattened as the plan
 * says (sharp flattens before it resizes, whatever the call order).
 */
function pixelPipeline(decoded: Decoded, scale: number, plan: RenditionPlan): Sharp {
  let image = rawImage(decoded)
  if (plan.crop) image = image.extract(scaledCrop(plan.crop, scale, decoded))
  const croppedWidth = plan.crop ? Math.round(plan.crop.width * scale) : decoded.width
  const croppedHeight = plan.crop ? Math.round(plan.crop.height * scale) : decoded.height
  if (croppedWidth !== plan.width || croppedHeight !== plan.height) {
    image = image.resize(plan.width, plan.height, { fit: 'fill' })
  }
  const background = flattenBackground(plan, decoded.channels)
  return background ? image.flatten({ background }) : image
}

function flattenBackground(plan: RenditionPlan, channels: Decoded['channels']): Rgb | string | null {
  if (plan.background) return plan.background
  return plan.format === 'jpeg' && channels % 2 === 0 ? '#ffffff' : null
}

function rawImage(pixels: Decoded): Sharp {
  return sharp()(pixels.data, {
    raw: { width: pixels.width, height: pixels.height, channels: pixels.channels },
  })
}

/**
 * How many output pixels may be in AVIF encoders at once. libaom holds up to ~18 bytes a pixel
 * while it encodes (~135 MB for a 3330×2220 gallery output, ~55 MB for 1974×1480): the bulk of a
 * rendition process's peak memory. The two images rendered at once cannot have their largest
 * outputs in encoders together when one is 3330×2220 (3:2); any other pair fits. A tighter budget
 * (12 Mpx: no two large landscape outputs at once) saved another ~25 MB but left an encode slot
 * waiting 7 % of the time on two cores (two images do not hold enough smaller outputs to fill it).
 */
const AVIF_PIXELS_AT_ONCE = 13_500_000

/** An output's share of AVIF_PIXELS_AT_ONCE; other encoders hold little beyond their pixels. */
function encoderWeight(plan: RenditionPlan): number {
  return plan.format === 'avif' ? plan.width * plan.height : 0
}

/**
 * Outputs of one batch that need the same cut, resize and flatten (a size in JPEG and in AVIF)
 * share those pixels: the first to start makes them once, and they are let go when the last of
 * them is encoded. The encoders get exactly the pixels their own pipeline would make. An output
 * with pixels of its own, or the decoded pixels as they are, runs as one pipeline.
 */
class SharedPixels {
  private readonly keys = new Map<RenditionPlan, string>()
  private readonly entries = new Map<string, { users: number; pixels: Promise<Decoded> | null }>()

  constructor(
    private readonly decoded: Decoded,
    private readonly scale: number,
    plans: readonly RenditionPlan[],
  ) {
    const keyed = plans.map((plan) => ({ plan, key: pixelKey(decoded, scale, plan) }))
    const users = new Map<string, number>()
    for (const { key } of keyed) if (key) users.set(key, (users.get(key) ?? 0) + 1)
    for (const { plan, key } of keyed) {
      const count = key ? (users.get(key) ?? 0) : 0
      if (key && count > 1) {
        this.keys.set(plan, key)
        this.entries.set(key, { users: count, pixels: null })
      }
    }
  }

  /** The shared pixels of this plan, or null when it has none to share. */
  pixelsFor(plan: RenditionPlan): Promise<Decoded> | null {
    const key = this.keys.get(plan)
    const entry = key ? this.entries.get(key) : undefined
    if (!entry) return null
    entry.pixels ??= pixelPipeline(this.decoded, this.scale, plan)
      .raw()
      .toBuffer({ resolveWithObject: true })
      .then(({ data, info }) => ({
        data,
        width: info.width,
        height: info.height,
        channels: info.channels,
      }))
    return entry.pixels
  }

  release(plan: RenditionPlan): void {
    const key = this.keys.get(plan)
    const entry = key ? this.entries.get(key) : undefined
    if (key && entry && --entry.users === 0) this.entries.delete(key)
  }
}

/** What decides an output's pixels before its encoder; null when they are the decoded ones as they are. */
function pixelKey(decoded: Decoded, scale: number, plan: RenditionPlan): string | null {
  const crop = plan.crop ? scaledCrop(plan.crop, scale, decoded) : null
  const background = flattenBackground(plan, decoded.channels)
  const resized = plan.width !== decoded.width || plan.height !== decoded.height
  if (!crop && !background && !resized) return null
  const cut = crop ? `${crop.left},${crop.top},${crop.width},${crop.height}` : 'all'
  return `${cut} ${plan.width}x${plan.height} ${JSON.stringify(background)}`
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
