import type SharpFactory from 'sharp'
import { lazy, requireLazily } from '../platform/lazy'
import { type CheckResult, failure, ok } from './check'

const sharp = lazy(() => requireLazily('sharp') as typeof SharpFactory)

const FORMATS = ['jpeg', 'png', 'webp', 'avif'] as const

/** Encodes a tiny image in every rendition format and decodes it back: proof, not a version guess. */
export async function checkImageFormats(): Promise<CheckResult> {
  const versions = { sharp: sharp().versions.sharp, libvips: sharp().versions.vips }
  const broken: string[] = []
  for (const format of FORMATS) {
    try {
      const encoded = await sharp()({ create: { width: 8, height: 8, channels: 3, background: '#c0392b' } })
        .toFormat(format)
        .toBuffer()
      const meta = await sharp()(encoded).metadata()
      if (meta.width !== 8 || meta.height !== 8)
        broken.push(`${format} (read back ${meta.width}×${meta.height})`)
    } catch (error) {
      broken.push(`${format} (${(error as Error).message})`)
    }
  }
  const title = 'image formats'
  if (broken.length === 0) {
    return ok(
      'images.formats',
      title,
      `sharp ${versions.sharp} with libvips ${versions.libvips} reads and writes JPEG, PNG, WebP and AVIF.`,
      versions,
    )
  }
  return failure(
    'images.formats',
    title,
    `libvips cannot write ${broken.join(', ')}: renditions in that format will fail. Reinstall Castdesk's dependencies (npm ci) or remove the format from imageFormats in castdesk.config.json.`,
    { ...versions, broken },
  )
}
