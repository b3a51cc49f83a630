import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { toErrorBody } from '../../shared/errors'
import type { Call } from '../api/dispatch'
import type { Library } from '../library/library'
import { keyFromMediaPath } from '../media-access/media-key'
import { mediaResponse, problem } from '../media-access/media-response'
import { contentSecurityPolicy, playerScriptHashes } from '../publish/page-csp'
import { playerAssets } from '../publish/player-assets'
import { playerAssetKeys } from '../publish/player-embed'
import { relativeUrl, siteKeys } from '../publish/site-model'
import { statusOf } from '../server/http-errors'
import { previewGrantsOf } from './preview-grants'
import { previewSite } from './preview-site'

const TYPES: Readonly<Record<string, string>> = {
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
  txt: 'text/plain; charset=utf-8',
  vtt: 'text/vtt; charset=utf-8',
  xml: 'application/xml; charset=utf-8',
}

/**
 * An episode's preview as the published site would show it, with the real Podlove Web Player:
 * `<token>/<key>` (the token from `episodes.preview`) answers the site's generated files, the
 * player's package files, and the user's own media under their storage keys. One `Request →
 * Response` function for `castdesk serve`'s `/preview/` route and the desktop app's
 * `castdesk-media://preview/`. Every answer carries the published page's Content-Security-Policy.
 * The app frames it from another origin than its own (`localhost` for `127.0.0.1` and back; the
 * `preview` host of the app's scheme), so the player's scripts cannot reach the app, and no
 * session cookie comes along: the token in the path is the access.
 */
export function createPreviewHandler(
  library: Library,
  call: Call,
): (request: Request, path: string) => Promise<Response> {
  const grants = previewGrantsOf(library)
  return async (request, path) => {
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return problem(405, 'invalid_input', 'Only GET and HEAD.')
    const [token = '', ...rest] = path.replace(/^\/+/, '').split('/')
    const grant = grants.find(token)
    const key = keyFromMediaPath(rest.join('/'))
    if (!grant || !key) return problem(404, 'not_found', 'There is no such preview.')
    // The preview's folder: the request's URL up to the token (`path` is that URL's tail).
    const baseUrl = new URL(`./${'../'.repeat(rest.length - 1)}`, request.url).href
    const version = playerAssets().version
    const csp = contentSecurityPolicy(
      playerScriptHashes(version, relativeUrl(siteKeys.page('x'), playerAssetKeys(version).base)) ?? [],
      baseUrl,
    )
    const headers = () =>
      new Headers({
        'Content-Security-Policy': csp,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      })
    try {
      const asset = playerAssets().files.get(key)
      if (asset) return send(await readFile(join(playerAssets().dir, asset)), key, headers())
      const site = await previewSite(library, grant, baseUrl)
      if (key === STORAGE_SHIM_KEY) return send(STORAGE_SHIM, key, headers())
      const generated = site.files.get(key)
      if (key === site.pageKey && generated !== undefined) {
        const shim = `<script src="${relativeUrl(site.pageKey, STORAGE_SHIM_KEY)}"></script>\n</head>`
        return send(generated.replace('</head>', shim), key, headers())
      }
      if (generated !== undefined) return send(generated, key, headers())
      if (!site.mediaKeys.has(key))
        return problem(404, 'not_found', 'There is no such file in this preview.', headers())
      const file = await call('media.file', { key }, { user: grant.user })
      return await mediaResponse(file, request)
    } catch (error) {
      const body = toErrorBody(error)
      return problem(statusOf(body.code), body.code, body.message, headers())
    }
  }
}

/** The preview's only addition to the page: its first script, before the player's. */
const STORAGE_SHIM_KEY = 'assets/podlove/castdesk-preview-storage.js'

/**
 * Framed by the app from another site, the page may be refused Web Storage (Chromium's
 * third-party storage rules: reading it throws), and the player reads it as it starts: this gives
 * the page, and the frames it writes, a storage that lasts until the preview closes.
 */
const STORAGE_SHIM = `'use strict'
;(() => {
  const memory = () => {
    const items = new Map()
    return {
      get length() { return items.size },
      key: (i) => [...items.keys()][i] ?? null,
      getItem: (k) => (items.has(String(k)) ? items.get(String(k)) : null),
      setItem: (k, v) => void items.set(String(k), String(v)),
      removeItem: (k) => void items.delete(String(k)),
      clear: () => items.clear(),
    }
  }
  const shim = (win) => {
    for (const name of ['localStorage', 'sessionStorage']) {
      try {
        void win[name]
      } catch {
        Object.defineProperty(win, name, { value: memory(), configurable: true })
      }
    }
  }
  shim(window)
  new MutationObserver((records) => {
    for (const record of records)
      for (const node of record.addedNodes)
        if (node instanceof HTMLIFrameElement && node.contentWindow) shim(node.contentWindow)
  }).observe(document, { childList: true, subtree: true })
})()
`

function send(body: string | Uint8Array, key: string, headers: Headers): Response {
  headers.set('Content-Type', TYPES[key.split('.').at(-1) ?? ''] ?? 'application/octet-stream')
  return new Response(body, { status: 200, headers })
}
