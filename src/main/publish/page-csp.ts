import { createHash } from 'node:crypto'

/**
 * The Content-Security-Policy of a published page (pure), sent in a `<meta>` so it holds on any
 * host: scripts only from the site itself plus, on pages with a player, the three small inline
 * scripts the Podlove Web Player writes into its frame (by hash, never 'unsafe-inline') and
 * 'unsafe-eval' (the player compiles its Vue template in the browser; without it, it stays blank);
 * media, data and frames only from the site; images also from https (chapter images may live on
 * another host). Styles may be inline: the player injects its own.
 */

/**
 * SHA-256 of the two inline scripts Podlove Web Player writes into its frame that are the same on
 * every page (iframe-resizer's settings and the fade-in), by player version. The third names the
 * player's folder and is computed (`baseScriptHash`). A new player version needs its two hashes
 * here: the site test under this policy fails and Chromium's console prints them.
 */
const FRAME_SCRIPT_HASHES: Readonly<Record<string, readonly string[]>> = {
  '5.13.0': [
    'sha256-gKmPjh9RoCNmQTHVim7n0dXAR1to/dROVssTmHRMNsE=',
    'sha256-/CocAxQERUuy7+nrYskHO8hLR8mtDfSuQqZ3lyoxCS4=',
  ],
}

export function knowsPlayerVersion(version: string): boolean {
  return version in FRAME_SCRIPT_HASHES
}

/**
 * The hashes of the player's frame scripts when its folder is `base` (relative to the page, as
 * the page's `data-base`); null for a player version whose scripts are not known here.
 */
export function playerScriptHashes(version: string, base: string): string[] | null {
  const fixed = FRAME_SCRIPT_HASHES[version]
  if (!fixed) return null
  return [baseScriptHash(`${base}${version}/player/`), ...fixed]
}

/** The frame's first script: `window.resourceBaseUrl = '<base>';` (the player's template, HTML-escaped value). */
function baseScriptHash(base: string): string {
  const escaped = base.replace(/[&<>"']/g, (c) => HOGAN_ESCAPES[c] ?? c)
  return `sha256-${createHash('sha256').update(`window.resourceBaseUrl = '${escaped}';`).digest('base64')}`
}

const HOGAN_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  "'": '&#39;',
  '"': '&quot;',
}

/**
 * With `scriptHashes` (a page with a player) the player's frame scripts and eval are allowed.
 * `baseUrl`'s origin is allowed beside the page's own for media, images and data: the player data
 * names files by absolute URL under it, and the pages may be served from another address.
 */
export function contentSecurityPolicy(scriptHashes: readonly string[], baseUrl: string): string {
  const player =
    scriptHashes.length > 0 ? ` 'unsafe-eval'${scriptHashes.map((hash) => ` '${hash}'`).join('')}` : ''
  const site = `'self'${originOf(baseUrl)}`
  return [
    "default-src 'self'",
    `script-src 'self'${player}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src ${site} data: https:`,
    "font-src 'self' data:",
    `media-src ${site}`,
    `connect-src ${site}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ')
}

function originOf(url: string): string {
  try {
    const { protocol, origin } = new URL(url)
    return protocol === 'http:' || protocol === 'https:' ? ` ${origin}` : ''
  } catch {
    return ''
  }
}
