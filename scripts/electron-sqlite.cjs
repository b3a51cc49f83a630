// Builds better-sqlite3 for Electron's ABI into build/native/electron/better_sqlite3.node, working in
// a scratch copy so that node_modules keeps the Node build the CLI and the tests load. The desktop
// app passes that file to better-sqlite3 as `nativeBinding` (src/main/desktop/sqlite-binding.ts);
// electron-builder ships it as <resources>/native/better_sqlite3.node (electron-builder.json).
//
// It needs the network (a prebuilt addon from better-sqlite3's releases, or Electron's headers to
// compile one), so only `npm run package` and `npm run dev`/`start` run it, never `npm ci`.
//   node scripts/electron-sqlite.cjs [--if-missing] [--arch=x64|arm64]
const {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} = require('node:fs')
const { dirname, join, sep } = require('node:path')

const ROOT = join(__dirname, '..')
const OUT_DIR = join(ROOT, 'build', 'native', 'electron')
const SCRATCH = join(ROOT, 'build', 'native', 'scratch')
const ADDON = 'better_sqlite3.node'

async function main() {
  const arch = (process.argv.find((a) => a.startsWith('--arch=')) ?? `--arch=${process.arch}`).slice(7)
  const electronVersion = require('electron/package.json').version
  const sqliteDir = dirname(require.resolve('better-sqlite3/package.json'))
  const sqliteVersion = require('better-sqlite3/package.json').version
  const wanted = {
    electron: electronVersion,
    'better-sqlite3': sqliteVersion,
    platform: process.platform,
    arch,
  }
  const stamp = join(OUT_DIR, 'built-for.json')
  if (process.argv.includes('--if-missing') && existsSync(join(OUT_DIR, ADDON)) && sameStamp(stamp, wanted)) {
    process.stdout.write(
      `electron-sqlite: ${ADDON} for Electron ${electronVersion} (${arch}) is up to date\n`,
    )
    return
  }
  rmSync(SCRATCH, { recursive: true, force: true })
  const moduleDir = join(SCRATCH, 'node_modules', 'better-sqlite3')
  const nodeBuild = join(sqliteDir, 'build')
  cpSync(sqliteDir, moduleDir, {
    recursive: true,
    filter: (source) => source !== nodeBuild && !source.startsWith(nodeBuild + sep),
  })
  writeFileSync(
    join(SCRATCH, 'package.json'),
    JSON.stringify({
      name: 'castdesk-electron-sqlite',
      private: true,
      dependencies: { 'better-sqlite3': sqliteVersion },
    }),
  )
  process.stdout.write(
    `electron-sqlite: building better-sqlite3 ${sqliteVersion} for Electron ${electronVersion} (${arch})\n`,
  )
  try {
    const { rebuild } = await import('@electron/rebuild')
    await rebuild({ buildPath: SCRATCH, electronVersion, arch, onlyModules: ['better-sqlite3'], force: true })
    mkdirSync(OUT_DIR, { recursive: true })
    copyFileSync(join(moduleDir, 'build', 'Release', ADDON), join(OUT_DIR, ADDON))
    writeFileSync(stamp, `${JSON.stringify(wanted, null, 2)}\n`)
  } finally {
    rmSync(SCRATCH, { recursive: true, force: true })
  }
  process.stdout.write(`electron-sqlite: wrote ${join(OUT_DIR, ADDON)}\n`)
}

function sameStamp(file, wanted) {
  try {
    return JSON.stringify(JSON.parse(readFileSync(file, 'utf8'))) === JSON.stringify(wanted)
  } catch {
    return false
  }
}

main().catch((error) => {
  process.stderr.write(
    `electron-sqlite: could not build better-sqlite3 for Electron: ${error.message ?? error}\n` +
      'It needs the dev dependencies (npm ci) and the network for a prebuilt addon or Electron headers (GitHub, electronjs.org). node_modules was not changed.\n',
  )
  process.exitCode = 1
})
