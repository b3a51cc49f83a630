/**
 * Where the renderer loads a stored file's bytes: the desktop app's `castdesk-media://` protocol,
 * else `castdesk serve`'s `/media/<key>` (same origin, session cookie, Range support).
 */
export function mediaUrl(key: string): string {
  const path = key.split('/').map(encodeURIComponent).join('/')
  return window.castdesk ? `castdesk-media://media/${path}` : `/media/${path}`
}

/**
 * Where an episode preview runs (`path` from `episodes.preview`): on another origin than the
 * app's, so that the player's scripts cannot reach it (`castdesk serve` answers on both
 * `127.0.0.1` and `localhost`).
 */
export function previewUrl(path: string): string {
  if (window.castdesk) return `castdesk-media://preview/${path}`
  const other = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'
  return `${location.protocol}//${other}${location.port ? `:${location.port}` : ''}/preview/${path}`
}

/**
 * A rendition's storage key. The contract's RenditionInfo has no `key` (only a disk path and the
 * storage's URL); renditions are stored Wagtail's way, flat under `images/`, so the key is
 * `images/` + the file name both of them end with.
 */
export function renditionKey(info: { path: string | null; url: string }): string {
  const source = info.path ?? info.url
  const name = source.split(/[\\/]/).at(-1) ?? ''
  return `images/${decodeURIComponent(name)}`
}
