import type { OutputFormat } from '../spec'

export const RENDITION_FOLDER = 'images/'

const EXTENSIONS: Record<OutputFormat, string> = {
  jpeg: '.jpg',
  png: '.png',
  gif: '.gif',
  webp: '.webp',
  avif: '.avif',
}

/** Wagtail keeps a rendition's file name within 59 characters (plus the dot) by shortening the stem. */
const NAME_LIMIT = 59

export function formatExtension(format: OutputFormat): string {
  return EXTENSIONS[format]
}

/**
 * Wagtail's rendition file name: `<stem>.[<focal key>.]<spec, "|" → ".">.<ext>`, e.g.
 * `photo.2e16d0ba.fill-100x100.jpg`. The key appears only when the spec has a `fill` and the key is
 * not empty. The stem is cut so the name stays within 59 characters, with Python's slice semantics
 * (a very long spec cuts from the end of the stem, down to nothing).
 */
export function renditionFileName(
  originalName: string,
  spec: string,
  focalKey: string,
  format: OutputFormat,
): string {
  const stem = splitExtension(baseName(originalName))[0]
  const hasFill = spec.split('|').some((part) => part.split('-')[0] === 'fill')
  const key = hasFill && focalKey !== '' ? `${focalKey}.` : ''
  const tail = `${key}${spec.replaceAll('|', '.')}${EXTENSIONS[format]}`
  return `${pythonPrefix(stem, NAME_LIMIT - codePointLength(tail))}.${tail}`
}

/**
 * The storage key Wagtail would save the file under: `images/` plus Django's `get_valid_filename`
 * (trimmed, spaces → "_", anything but letters, digits, "_", "-" and "." dropped). A clash with an
 * existing key is for the repository to settle.
 */
export function renditionStorageKey(fileName: string): string {
  const valid = fileName
    .trim()
    .replaceAll(' ', '_')
    .replace(/[^-\p{L}\p{N}_.]/gu, '')
  return `${RENDITION_FOLDER}${valid}`
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1)
}

/** Python's os.path.splitext: leading dots belong to the stem (".hidden" has no extension). */
export function splitExtension(name: string): [string, string] {
  const dot = name.lastIndexOf('.')
  if (dot <= 0 || /^\.+$/.test(name.slice(0, dot))) return [name, '']
  return [name.slice(0, dot), name.slice(dot)]
}

function codePointLength(text: string): number {
  return Array.from(text).length
}

/** `text[:end]` in Python, counted in code points. */
function pythonPrefix(text: string, end: number): string {
  const chars = Array.from(text)
  const stop = end < 0 ? Math.max(0, chars.length + end) : end
  return chars.slice(0, stop).join('')
}
