/** The Content-Type an object is served with, from its extension (S3 would say binary/octet-stream). */
const BY_EXTENSION: Readonly<Record<string, string>> = {
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  oga: 'audio/ogg',
  ogg: 'audio/ogg',
  opus: 'audio/ogg',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mkv: 'video/x-matroska',
  ogv: 'video/ogg',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  json: 'application/json',
  vtt: 'text/vtt',
  srt: 'application/x-subrip',
  txt: 'text/plain; charset=utf-8',
  pdf: 'application/pdf',
}

export function contentTypeFor(key: string): string {
  const dot = key.lastIndexOf('.')
  const extension = dot > key.lastIndexOf('/') ? key.slice(dot + 1).toLowerCase() : ''
  return BY_EXTENSION[extension] ?? 'application/octet-stream'
}
