import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { minimatch } from 'minimatch'
import { describe, expect, it } from 'vitest'
import { ELECTRON_SQLITE_ADDON, ELECTRON_SQLITE_BUILD_DIR } from '../../../src/main/desktop/sqlite-binding'

/**
 * electron-builder.json read the way electron-builder reads it: every native file that the app's
 * production dependencies install here (addons, shared libraries, ffmpeg/ffprobe) must be matched by
 * an `asarUnpack` pattern, since nothing can be loaded or spawned from inside app.asar.
 * (`npm run package:check -- --pack` packs for real over a stand-in Electron.)
 */
const ROOT = join(__dirname, '..', '..', '..')
const config = JSON.parse(readFileSync(join(ROOT, 'electron-builder.json'), 'utf8'))
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'))

interface Installed {
  name: string
  dir: string
}

/** The production dependency closure as installed: dependencies and optional ones that are present. */
function productionPackages(): Installed[] {
  const seen = new Map<string, Installed>()
  const visit = (name: string, from: string) => {
    const manifest = findManifest(name, from)
    if (!manifest) return // an optional dependency for another platform
    const dir = dirname(manifest)
    if (seen.has(dir)) return
    seen.set(dir, { name, dir })
    const json = JSON.parse(readFileSync(manifest, 'utf8'))
    for (const dep of Object.keys({ ...json.dependencies, ...json.optionalDependencies })) visit(dep, dir)
  }
  for (const name of Object.keys(pkg.dependencies)) visit(name, ROOT)
  return [...seen.values()]
}

/** Node's lookup of `<dir>/node_modules/<name>` up the folders (not require.resolve: some packages export no package.json). */
function findManifest(name: string, from: string): string | null {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json')
    if (existsSync(manifest)) return manifest
    if (dirname(dir) === dir) return null
  }
}

const MAGIC = [
  Buffer.from([0x7f, 0x45, 0x4c, 0x46]), // ELF
  Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), // Mach-O 64
  Buffer.from([0xce, 0xfa, 0xed, 0xfe]), // Mach-O 32
  Buffer.from([0xca, 0xfe, 0xba, 0xbe]), // Mach-O universal
  Buffer.from([0x4d, 0x5a]), // PE (Windows)
]

function isNativeBinary(file: string): boolean {
  const head = Buffer.alloc(4)
  const fd = openSync(file, 'r')
  try {
    readSync(fd, head, 0, 4, 0)
  } finally {
    closeSync(fd)
  }
  return MAGIC.some((magic) => head.subarray(0, magic.length).equals(magic))
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [] // nested packages are visited as packages
    const path = join(dir, entry.name)
    return entry.isDirectory() ? files(path) : entry.isFile() ? [path] : []
  })
}

/** The path a file has inside the app: node_modules/<package>/<file>. */
function appPath(pkgInfo: Installed, file: string): string {
  return ['node_modules', pkgInfo.name, ...relative(pkgInfo.dir, file).split(sep)].join('/')
}

describe('electron-builder.json', () => {
  it('unpacks every native file of the production dependencies from app.asar', () => {
    const natives = productionPackages().flatMap((p) =>
      files(p.dir)
        .filter((f) => !/[\\/](deps|src|test)[\\/]/.test(relative(p.dir, f)) && isNativeBinary(f))
        .map((f) => appPath(p, f)),
    )
    // The four that must be there on every platform's install.
    for (const expected of [
      /^node_modules\/better-sqlite3\/.*\.node$/,
      /^node_modules\/@img\/sharp-/,
      /^node_modules\/@ffmpeg-installer\/[^/]+\/ffmpeg/,
      /^node_modules\/@ffprobe-installer\/[^/]+\/ffprobe/,
    ]) {
      expect(
        natives.some((n) => expected.test(n)),
        `a native file like ${expected}`,
      ).toBe(true)
    }
    const matches = (patterns: string[], path: string) =>
      patterns.some((p) => minimatch(path, p, { dot: true }))
    const excluded = config.files.filter((p: string) => p.startsWith('!')).map((p: string) => p.slice(1))
    const shipped = natives.filter((n) => !matches(excluded, n))
    expect(shipped.filter((n) => !matches(config.asarUnpack, n))).toEqual([])
  })

  it('ships the Electron-ABI SQLite addon where the shell looks for it, and never rebuilds node_modules in place', () => {
    expect(config.extraResources).toContainEqual({
      from: ELECTRON_SQLITE_BUILD_DIR.split(sep).join('/'),
      to: 'native',
      filter: [ELECTRON_SQLITE_ADDON],
    })
    // node_modules stays Node's build (CLI, tests); the app loads its own via nativeBinding.
    expect(config.npmRebuild).toBe(false)
    expect(config.nodeGypRebuild).toBe(false)
    expect(pkg.scripts.package).toMatch(
      /electron-sqlite\.cjs.*electron-builder --config electron-builder\.json/,
    )
    // Nothing at install time may fetch Electron headers: CI runs `npm ci` without GitHub.
    expect(JSON.stringify([pkg.scripts.postinstall, pkg.scripts.prepare, pkg.scripts.install])).not.toMatch(
      /electron-sqlite|electron-rebuild|install-app-deps/,
    )
  })

  it('builds dmg on macOS, nsis on Windows, AppImage and deb on Linux, from the bundled app only', () => {
    expect(config.mac.target).toEqual(['dmg'])
    expect(config.win.target).toEqual(['nsis'])
    expect(config.linux.target).toEqual(['AppImage', 'deb'])
    expect(config.files).toContain('out/**/*')
    expect(pkg.main).toBe('out/main/index.js')
  })

  it('sets the Electron fuses of the security checklist', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    })
  })
})
