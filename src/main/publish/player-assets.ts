import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, sep } from 'node:path'
import { unpackedAsarPath } from '../media/tools/asar-path'
import { playerAssetKeys } from './player-embed'

/**
 * The Podlove Web Player 5 as installed from npm (`@podlove/web-player`, pinned in package.json):
 * the files a site needs to run it without any CDN — the embed script, its variant templates and
 * the player's chunks, styles and licences — each under its site key (`assets/podlove/VERSION/…`,
 * the package's own layout). Source maps, the bundle report and the share and button apps are left out.
 */
export interface PlayerAssets {
  version: string
  /** The installed package's folder. */
  dir: string
  /** Site key → path inside the package (`/`-separated). */
  files: Map<string, string>
}

let cached: PlayerAssets | null = null

export function playerAssets(): PlayerAssets {
  if (cached) return cached
  const manifest = createRequire(import.meta.url).resolve('@podlove/web-player/package.json')
  // Unpacked from app.asar in the desktop app (electron-builder.json): plain files the sync engine can copy.
  const dir = unpackedAsarPath(dirname(manifest))
  const { version } = createRequire(import.meta.url)('@podlove/web-player/package.json') as {
    version: string
  }
  const keys = playerAssetKeys(version)
  const files = new Map<string, string>()
  for (const path of walk(dir)) {
    const inside = relative(dir, path).split(sep).join('/')
    if (wanted(inside, version)) files.set(keys.packageFile(inside), inside)
  }
  cached = { version, dir, files }
  return cached
}

/** The embed script, the variant templates, and the player app; each with its licence text. */
function wanted(path: string, version: string): boolean {
  if (path.endsWith('.map') || path.endsWith('report.html')) return false
  if (/^(embed|variant-(xl|l|m))\.js(\.LICENSE\.txt)?$/.test(path)) return true
  return path.startsWith(`${version}/player/`)
}

function* walk(folder: string): Generator<string> {
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name)
    if (entry.isDirectory()) yield* walk(path)
    else if (entry.isFile()) yield path
  }
}
