import type { UploadLimits } from '../../shared/config-schema'
import { CastdeskError } from '../../shared/errors'
import { formatBytes } from '../../shared/format'
import { MEDIA_EXTENSIONS, type Sniffed, sniff, UNPROCESSABLE_IMAGE_EXTENSIONS } from '../media/detect'

export type Classified = Exclude<Sniffed, { kind: 'unsupported' }>

const KIND_WORD: Record<Classified['kind'], string> = {
  image: 'image',
  audio: 'audio',
  master: 'master audio',
  video: 'video',
  file: 'file',
}

const LIMIT_KEY: Record<Classified['kind'], keyof UploadLimits> = {
  image: 'imageBytes',
  audio: 'audioBytes',
  master: 'masterBytes',
  video: 'videoBytes',
  file: 'fileBytes',
}

/** Decides what a file is from its first bytes, and refuses what cannot be imported. */
export async function classify(
  header: Buffer,
  size: number,
  name: string,
  limits: UploadLimits,
): Promise<Classified> {
  if (size === 0) {
    throw new CastdeskError(
      'empty_file',
      `${name} is empty (0 bytes). Export or copy it again, then import it.`,
    )
  }
  const extension = extensionOf(name)
  const sniffed = await sniff(header, extension)
  if (sniffed.kind === 'unsupported') {
    throw new CastdeskError('unsupported_media', `${name} is ${sniffed.label}. ${sniffed.hint}`)
  }
  if (sniffed.kind === 'file' && UNPROCESSABLE_IMAGE_EXTENSIONS.has(extension)) {
    throw new CastdeskError(
      'unsupported_media',
      `${name} is named like a .${extension} image, a format Castdesk cannot process (it takes JPEG, PNG, GIF, WebP, AVIF and TIFF). Export it as PNG or JPEG first.`,
    )
  }
  if (sniffed.kind === 'file' && MEDIA_EXTENSIONS.has(extension)) {
    throw new CastdeskError(
      'corrupt_media',
      `${name} is named like a .${extension} file, but its content is not a format Castdesk recognises: it is damaged or not really ${extension.toUpperCase()}. Export it again.`,
    )
  }
  const limitKey = LIMIT_KEY[sniffed.kind]
  if (size > limits[limitKey]) {
    throw new CastdeskError(
      'file_too_large',
      `${name} is ${formatBytes(size)}, more than the ${KIND_WORD[sniffed.kind]} limit of ${formatBytes(limits[limitKey])}. Raise uploadLimits.${limitKey} in castdesk.config.json to import it.`,
    )
  }
  return sniffed
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
}

export function stemOf(name: string): string {
  const dot = name.lastIndexOf('.')
  return dot > 0 ? name.slice(0, dot) : name
}
