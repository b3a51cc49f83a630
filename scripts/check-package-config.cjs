// Checks electron-builder.json as far as this machine allows (no Electron binary can be fetched):
//  1. electron-builder's own schema validation (what `electron-builder` runs first);
//  2. with --pack: a real `electron-builder --dir` run for this platform over a stand-in Electron
//     distribution (an empty executable; fuses are skipped, they need the real binary), then a
//     look inside: the app in app.asar, every native file in app.asar.unpacked, the SQLite addon
//     in resources/native (Node's addon stands in when `npm run electron:sqlite` has not run).
//   node scripts/check-package-config.cjs [--pack]
const {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  writeFileSync,
} = require('node:fs')
const { execFileSync } = require('node:child_process')
const { tmpdir } = require('node:os')
const { dirname, join, relative } = require('node:path')

const ROOT = join(__dirname, '..')
const config = require(join(ROOT, 'electron-builder.json'))

async function main() {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config')
  const { DebugLogger } = require('builder-util')
  await validateConfiguration(config, new DebugLogger(false))
  const version = require('electron-builder/package.json').version
  process.stdout.write(`electron-builder.json: valid for electron-builder ${version}\n`)
  if (process.argv.includes('--pack')) pack()
}

function pack() {
  if (process.platform !== 'linux') throw new Error('--pack uses a Linux stand-in Electron; run it on Linux.')
  const temp = mkdtempSync(join(tmpdir(), 'castdesk-pack-'))
  try {
    const electronDist = join(temp, 'electron')
    mkdirSync(join(electronDist, 'resources'), { recursive: true })
    writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n')
    chmodSync(join(electronDist, 'electron'), 0o755)
    writeFileSync(join(electronDist, 'version'), require('electron/package.json').version)
    let addonDir = join(ROOT, 'build', 'native', 'electron')
    if (!existsSync(join(addonDir, 'better_sqlite3.node'))) {
      addonDir = join(temp, 'addon')
      mkdirSync(addonDir)
      const nodeAddon = join(
        dirname(require.resolve('better-sqlite3/package.json')),
        'build',
        'Release',
        'better_sqlite3.node',
      )
      copyFileSync(nodeAddon, join(addonDir, 'better_sqlite3.node'))
    }
    const output = join(temp, 'dist')
    const probe = {
      ...config,
      electronFuses: undefined,
      electronDist,
      directories: { ...config.directories, output },
      extraResources: config.extraResources.map((r) => ({ ...r, from: addonDir })),
    }
    const probeConfig = join(temp, 'electron-builder.json')
    writeFileSync(probeConfig, JSON.stringify(probe))
    const bin = join(dirname(require.resolve('electron-builder/package.json')), 'cli.js')
    execFileSync(process.execPath, [bin, '--linux', 'dir', '--projectDir', ROOT, '--config', probeConfig], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
    })
    inspect(join(output, 'linux-unpacked', 'resources'))
  } finally {
    rmSync(temp, { recursive: true, force: true })
  }
}

function inspect(resources) {
  const asar = require('@electron/asar')
  const entries = new Set(asar.listPackage(join(resources, 'app.asar')))
  const problems = []
  for (const entry of [
    '/out/main/index.js',
    '/out/preload/index.js',
    '/out/renderer/index.html',
    '/package.json',
  ])
    if (!entries.has(entry)) problems.push(`app.asar lacks ${entry}`)
  const unpacked = join(resources, 'app.asar.unpacked')
  const natives = walk(unpacked).filter(isNativeName)
  for (const wanted of [
    /better_sqlite3\.node$/,
    /@img\/sharp-[^/]+\/lib\/.*\.node$/,
    /@ffmpeg-installer\/[^/]+\/ffmpeg$/,
    /@ffprobe-installer\/[^/]+\/ffprobe$/,
  ])
    if (!natives.some((file) => wanted.test(file)))
      problems.push(`app.asar.unpacked has no file like ${wanted}`)
  if (!existsSync(join(resources, 'native', 'better_sqlite3.node')))
    problems.push('resources/native/better_sqlite3.node is missing')
  for (const entry of entries) {
    if (!isNativeName(entry)) continue
    const stat = asar.statFile(join(resources, 'app.asar'), entry.slice(1))
    if (!('files' in stat) && !stat.unpacked) problems.push(`native file packed inside app.asar: ${entry}`)
  }
  if (problems.length) throw new Error(`the packaged app is not right:\n  ${problems.join('\n  ')}`)
  process.stdout.write(
    `packaged (linux dir, stand-in Electron): ${entries.size} entries in app.asar; unpacked natives:\n  ${natives.map((f) => relative(unpacked, f)).join('\n  ')}\n`,
  )
}

const isNativeName = (path) =>
  /\.(node|so(\.\d+)*|dylib|dll|exe)$/.test(path) || /\/(ffmpeg|ffprobe)$/.test(path)

function walk(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  )
}

main().catch((error) => {
  process.stderr.write(`package:check failed: ${error.message ?? error}\n`)
  process.exitCode = 1
})
