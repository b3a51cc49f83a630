import { z } from 'zod'
import { id } from './common'

const focalPoint = z
  .object({
    x: z.int().min(0),
    y: z.int().min(0),
    width: z.int().min(0),
    height: z.int().min(0),
  })
  .strict()

export const imagesInputs = {
  /** The rendition of one Wagtail filter spec, made on first request and cached. */
  'images.rendition': z.object({ id, spec: z.string().min(1).max(255) }).strict(),
  /** Sets (or with null, clears) the focal point, in source pixels: centre x/y, width, height. */
  'images.focal': z.object({ id, focal: focalPoint.nullable() }).strict(),
  /** The responsive `<picture>` of an image in a regular or gallery slot. */
  'images.picture': z.object({ id, slot: z.enum(['regular', 'gallery']).default('regular') }).strict(),
  'images.syncRenditions': z.object({}).strict(),
  'galleries.create': z.object({ imageIds: z.array(id).min(1).max(1000) }).strict(),
  'galleries.renditions': z.object({ id }).strict(),
} as const

export interface RenditionInfo {
  spec: string
  /** A readable file path when the storage is local, else null. */
  path: string | null
  url: string
  width: number
  height: number
  format: string
  bytes: number
}

export interface SlotInfo {
  slot: string
  width: number
  height: number
  sizes: string
  sources: { format: string; src: string | null; srcset: { url: string; width: number }[] }[]
}

export interface PictureInfo extends SlotInfo {
  specs: string[]
  html: string
  modal?: SlotInfo
}

export interface ImagesOutputs {
  'images.rendition': RenditionInfo
  'images.focal': { id: number; focal_point: z.infer<typeof focalPoint> | null; renditions_removed: number }
  'images.picture': PictureInfo
  'images.syncRenditions': { images: number; missing: number; created: number; obsolete: number }
  'galleries.create': { id: number; created: boolean; queued: number }
  'galleries.renditions': { id: number; images: number; created: number }
}
