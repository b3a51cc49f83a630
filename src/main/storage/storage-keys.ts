import { CastdeskError } from '../../shared/errors'

/** django-cast's key layout, so a synced bucket looks like a django-cast media bucket. */
export const KEY_PREFIX = {
  originalImage: 'original_images/',
  rendition: 'images/',
  audio: 'cast_audio/',
  master: 'cast_audio/masters/',
  video: 'cast_videos/',
  poster: 'cast_videos/poster/',
  file: 'cast_files/',
  transcript: 'cast_transcript/',
} as const

/** Prefixes Castdesk manages; media_stale never touches a key outside them. */
export const MANAGED_PREFIXES: readonly string[] = [
  'cast_audio/',
  'cast_files/',
  'cast_images/',
  'cast_transcript/',
  'cast_transcript_speakers/',
  'cast_videos/',
  'cast_voice_references/',
  'images/',
  'original_images/',
]

const MAX_KEY_BYTES = 1024
const MAX_STEM_CHARS = 80
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what this rejects
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/u
const BIDI_AND_INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu

// ASCII letters, digits, "_", "-" and "." in "/"-separated segments that do not start with ".":
// every key Castdesk makes from an ASCII name. Such a key passes each check of `unsafeKeyReason`.
const PLAIN_KEY = /^[\w-][\w.-]*(?:\/[\w-][\w.-]*)*$/

/**
 * Whether `key` is plain: relative, normalised and ASCII (so as many bytes as characters), safe
 * without the full check. A key that is not plain may still be safe (`assertSafeKey` decides).
 */
export function isPlainKey(key: string): boolean {
  return key.length <= MAX_KEY_BYTES && PLAIN_KEY.test(key)
}

/** Throws unless `key` is a relative, normalised path that cannot leave a storage root. */
export function assertSafeKey(key: string): void {
  if (isPlainKey(key)) return
  const reason = unsafeKeyReason(key)
  if (reason) throw new CastdeskError('invalid_name', `The storage key "${printable(key)}" ${reason}.`)
}

/** Why `key` could leave a storage root (the full check, plain or not); null when it cannot. */
export function unsafeKeyReason(key: string): string | null {
  if (key.length === 0) return 'is empty'
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) return `is longer than ${MAX_KEY_BYTES} bytes`
  if (CONTROL_CHARS.test(key)) return 'contains control characters'
  if (key.includes('\\')) return 'contains a backslash'
  if (key.startsWith('/')) return 'is absolute'
  if (/^[a-zA-Z]:/.test(key)) return 'starts with a drive letter'
  for (const segment of key.split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return 'has an empty, "." or ".." segment'
  }
  return null
}

/**
 * A file-name stem that is safe in every storage and on every OS: NFC, no control or
 * direction-changing characters, letters/digits/`_-.` only, at most 80 characters.
 */
export function safeStem(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(BIDI_AND_INVISIBLE, '')
    .replace(/\s+/gu, '_')
    .replace(/[^\p{L}\p{N}_.-]/gu, '')
    .replace(/\.{2,}/g, '.')
    .replace(/^[._-]+|[._-]+$/g, '')
  // Trimmed again: cutting at 80 characters can leave a "." or "-" at the end.
  const truncated = Array.from(cleaned)
    .slice(0, MAX_STEM_CHARS)
    .join('')
    .replace(/[._-]+$/, '')
  return truncated || 'file'
}

/** A human title from a file name: NFC, no control or direction-changing characters. */
export function displayName(name: string): string {
  return name
    .normalize('NFC')
    .replace(BIDI_AND_INVISIBLE, '')
    .replace(new RegExp(CONTROL_CHARS.source, 'gu'), '')
    .trim()
}

export function printable(value: string): string {
  return displayName(value).slice(0, 200)
}

const PREFIX_FOR_TYPE = {
  image: KEY_PREFIX.originalImage,
  audio: KEY_PREFIX.audio,
  master: KEY_PREFIX.master,
  video: KEY_PREFIX.video,
  file: KEY_PREFIX.file,
} as const

/** The key of an imported original; a `suffix` tells apart files with the same name, as Django does. */
export function originalKey(
  type: keyof typeof PREFIX_FOR_TYPE,
  stem: string,
  extension: string | null,
  suffix = '',
): string {
  const base = suffix ? `${safeStem(stem)}_${suffix}` : safeStem(stem)
  return `${PREFIX_FOR_TYPE[type]}${base}${extension ? `.${extension}` : ''}`
}
