import type { SizeCategory } from '../../shared/api/storage.api'

/**
 * Which total a file counts towards in media_sizes (pure). The MIME type recorded at import
 * decides; files the library does not know go by extension (django-cast: mov/mp4 video,
 * jpg/jpeg/png image; Castdesk adds the other formats it imports, and audio).
 */
const VIDEO = new Set(['mp4', 'm4v', 'mov', 'webm', 'mkv', 'avi', 'ogv'])
const IMAGE = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'tif', 'tiff'])
const AUDIO = new Set(['mp3', 'm4a', 'oga', 'ogg', 'opus'])

export function sizeCategory(key: string, mime?: string): SizeCategory {
  const kind = mime?.split('/')[0]
  if (kind === 'video' || kind === 'image' || kind === 'audio') return kind
  const dot = key.lastIndexOf('.')
  const extension = dot > key.lastIndexOf('/') ? key.slice(dot + 1).toLowerCase() : ''
  if (VIDEO.has(extension)) return 'video'
  if (IMAGE.has(extension)) return 'image'
  if (AUDIO.has(extension)) return 'audio'
  return 'misc'
}

export function emptyTotals(): Record<SizeCategory | 'total', number> {
  return { video: 0, image: 0, audio: 0, misc: 0, total: 0 }
}
