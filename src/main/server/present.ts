/**
 * How the REST routes show contract outputs: a stored file's `path` on the server's disk is
 * replaced by the URL this server serves its bytes at (`/media/<key>`, checked against the acting
 * user). Any object with a string `key` and a `path` is such a file (StoredFileInfo, audio files,
 * video posters). Pure; a file's `path` is never read.
 */
export function withMediaUrls<T>(value: T): T {
  return present(value) as T
}

export function mediaUrl(key: string): string {
  return `/media/${key.split('/').map(encodeURIComponent).join('/')}`
}

function present(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(present)
  if (value === null || typeof value !== 'object') return value
  const record = value as Record<string, unknown>
  const isFile = typeof record.key === 'string' && 'path' in record
  const out: Record<string, unknown> = {}
  // Keys first: a file's `path` may be computed when read, and is never needed here.
  for (const name of Object.keys(record)) {
    if (isFile && name === 'path') continue
    out[name] = present(record[name])
  }
  if (isFile) out.url = mediaUrl(record.key as string)
  return out
}
