import { open } from 'node:fs/promises'
import { lazy, requireLazily } from '../platform/lazy'

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'tiff'
export type AudioFormat = 'mp3' | 'm4a' | 'oga' | 'opus'
export type VideoContainer = 'mp4' | 'm4v' | 'mov' | 'webm' | 'mkv' | 'avi' | 'ogv'
/** Lossless recordings an Audio's episode files are encoded from. */
export type MasterFormat = 'wav' | 'flac' | 'aiff'

export type Sniffed =
  | { kind: 'image'; format: ImageFormat; mime: string }
  | { kind: 'audio'; format: AudioFormat; mime: string }
  /** A lossless master (WAV incl. RF64/W64, FLAC, AIFF): kept beside the episode files, never published. */
  | { kind: 'master'; format: MasterFormat; mime: string }
  /** A video container; the probe decides whether it really holds video (an MP4 may be audio only). */
  | { kind: 'video'; container: VideoContainer; mime: string }
  /** Media we recognise but cannot process; `hint` says what to do instead. */
  | { kind: 'unsupported'; label: string; hint: string }
  | { kind: 'file'; mime: string }

export const AUDIO_MIME: Record<AudioFormat, string> = {
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  oga: 'audio/ogg',
  opus: 'audio/opus',
}

export const VIDEO_MIME: Record<VideoContainer, string> = {
  mp4: 'video/mp4',
  m4v: 'video/x-m4v',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  avi: 'video/x-msvideo',
  ogv: 'video/ogg',
}

const IMAGE_BY_EXT: Record<string, ImageFormat> = {
  jpg: 'jpeg',
  png: 'png',
  gif: 'gif',
  webp: 'webp',
  avif: 'avif',
  tif: 'tiff',
}
const AUDIO_BY_EXT: Record<string, AudioFormat> = {
  mp3: 'mp3',
  m4a: 'm4a',
  ogg: 'oga',
  oga: 'oga',
  opus: 'opus',
}
export const MASTER_MIME: Record<MasterFormat, string> = {
  wav: 'audio/wav',
  flac: 'audio/flac',
  aiff: 'audio/aiff',
}
const MASTER_BY_EXT: Record<string, MasterFormat> = { wav: 'wav', flac: 'flac', aif: 'aiff', aiff: 'aiff' }
const VIDEO_BY_EXT: Record<string, VideoContainer> = {
  mp4: 'mp4',
  m4v: 'm4v',
  mov: 'mov',
  webm: 'webm',
  mkv: 'mkv',
  avi: 'avi',
  ogv: 'ogv',
}

const UNSUPPORTED: Record<string, { label: string; hint: string }> = {
  aac: {
    label: 'raw AAC audio',
    hint: 'Wrap it in an M4A container (e.g. ffmpeg -i in.aac -c copy out.m4a).',
  },
  bmp: { label: 'BMP image', hint: 'Convert it to PNG or JPEG first.' },
  heic: { label: 'HEIC image', hint: 'Export it as JPEG (or AVIF) first; HEIC cannot be decoded here.' },
  jxl: { label: 'JPEG XL image', hint: 'Export it as JPEG, PNG, WebP or AVIF first.' },
  psd: { label: 'Photoshop document', hint: 'Export it as PNG or JPEG first.' },
  ico: { label: 'an icon file (ICO)', hint: 'Export it as PNG first.' },
  icns: { label: 'a macOS icon file (ICNS)', hint: 'Export it as PNG first.' },
}

/** Extensions that promise media: a file named like this whose bytes are not media is an error. */
export const MEDIA_EXTENSIONS = new Set([
  ...['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'tif', 'tiff'],
  ...['mp3', 'm4a', 'ogg', 'oga', 'opus', 'wav', 'flac', 'aac', 'aif', 'aiff', 'w64'],
  ...['mp4', 'm4v', 'mov', 'webm', 'mkv', 'avi', 'ogv'],
])

/** Image formats Castdesk cannot process, recognised by name when their bytes are not. */
export const UNPROCESSABLE_IMAGE_EXTENSIONS = new Set([
  ...[
    'heic',
    'heif',
    'bmp',
    'jxl',
    'psd',
    'ico',
    'icns',
    'tga',
    'ppm',
    'pgm',
    'pbm',
    'pnm',
    'xpm',
    'xbm',
    'pcx',
    'qoi',
  ],
])

const TEXT_MIME: Record<string, string> = {
  txt: 'text/plain',
  md: 'text/markdown',
  csv: 'text/csv',
  json: 'application/json',
  html: 'text/html',
  htm: 'text/html',
  xml: 'application/xml',
  vtt: 'text/vtt',
  srt: 'application/x-subrip',
  svg: 'image/svg+xml',
}

const HEADER_BYTES = 256 * 1024

/** Reads the first bytes of a file (the path may be a Buffer, for names that are not UTF-8). */
export async function readHeader(path: string | Buffer, bytes = HEADER_BYTES): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const buffer = Buffer.alloc(bytes)
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

// An ES module, required (Node 20.19+ loads ES modules with require): a dynamic import here would keep
// this whole chunk out of the CLI's compile cache (see platform/compile-cache.ts).
const fileType = lazy(() => requireLazily('file-type') as typeof import('file-type'))

/** The real type of a file from its first bytes; the extension is used only for plain text. */
export async function sniff(header: Buffer, extension: string): Promise<Sniffed> {
  if (isRf64OrW64(header)) return { kind: 'master', format: 'wav', mime: MASTER_MIME.wav }
  const { fileTypeFromBuffer } = fileType()
  const detected = await fileTypeFromBuffer(header)
  // file-type knows BMP by "BM" alone: notes that begin "BMW…" are text, not a bitmap.
  const found = detected?.ext === 'bmp' && !isPlausibleBmp(header) ? undefined : detected
  const ext = found?.ext ?? (header.subarray(0, 3).toString('latin1') === 'ID3' ? 'mp3' : undefined)
  if (ext) {
    const image = IMAGE_BY_EXT[ext]
    if (image) return { kind: 'image', format: image, mime: `image/${image}` }
    const audio = AUDIO_BY_EXT[ext]
    if (audio) return { kind: 'audio', format: audio, mime: AUDIO_MIME[audio] }
    const master = MASTER_BY_EXT[ext]
    if (master) return { kind: 'master', format: master, mime: MASTER_MIME[master] }
    const video = VIDEO_BY_EXT[ext]
    if (video) return { kind: 'video', container: video, mime: VIDEO_MIME[video] }
    const unsupported = UNSUPPORTED[ext]
    if (unsupported) return { kind: 'unsupported', ...unsupported }
    return { kind: 'file', mime: found?.mime ?? 'application/octet-stream' }
  }
  return { kind: 'file', mime: TEXT_MIME[extension.toLowerCase()] ?? 'application/octet-stream' }
}

/** The sizes a BMP's info header has (BITMAPCOREHEADER … BITMAPV5HEADER). */
const BMP_INFO_HEADER_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124])

/** A BMP file header: reserved bytes zero and a known info-header size after it. */
function isPlausibleBmp(header: Buffer): boolean {
  return (
    header.length >= 18 && header.readUInt32LE(6) === 0 && BMP_INFO_HEADER_SIZES.has(header.readUInt32LE(14))
  )
}

const W64_RIFF_GUID = Buffer.from('726966662e91cf11a5d628db04c10000', 'hex')

/** WAV beyond 4 GiB: RF64 (EBU Tech 3306) or Sony Wave64, which file-type does not know. */
function isRf64OrW64(header: Buffer): boolean {
  if (header.length < 16) return false
  const rf64 = header.toString('latin1', 0, 4) === 'RF64' && header.toString('latin1', 8, 12) === 'WAVE'
  return rf64 || header.subarray(0, 16).equals(W64_RIFF_GUID)
}
