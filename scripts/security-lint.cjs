// Electron security lint: @doyensec/electronegativity over the desktop shell, preload and renderer.
// It exits 0 even with findings, so this script reads its findings and fails on any HIGH one.
require('./electronegativity-ts-shim.cjs')
const { join } = require('node:path')
const run = require('@doyensec/electronegativity')

const ELECTRON_VERSION = require('electron/package.json').version
async function main() {
  const { issues, errors } = await run({
    input: join(__dirname, '..', 'src'),
    isRelative: true,
    customScan: [],
    excludeFromScan: [],
    electronVersionOverride: ELECTRON_VERSION,
  })
  for (const issue of issues) {
    const where = `${issue.file}:${issue.location?.line ?? '?'}`
    process.stdout.write(
      `${issue.severity.name.padEnd(13)} ${issue.id} ${where} ${issue.description ?? ''}\n`,
    )
  }
  const high = issues.filter((issue) => issue.severity.name === 'HIGH')
  process.stdout.write(
    `electronegativity (Electron ${ELECTRON_VERSION}): ${issues.length} findings, ${high.length} HIGH, ${errors.length} files not parsed\n`,
  )
  if (high.length) process.exitCode = 1
}

main().catch((error) => {
  process.stderr.write(`security lint failed to run: ${error.stack ?? error}\n`)
  process.exitCode = 1
})
