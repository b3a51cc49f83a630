// Benchmark: importing a mixed corpus (images, MP3/M4A, MP4, documents) into a fresh library,
// against "the floor" (copy + SHA-256 + probe, nothing else) on the same bytes.
// Usage: npm run bench -- import [--files N] [--keep]
// Prints one JSON object on stdout; progress goes to stderr. Sizes in MB are MiB (2^20 bytes).
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { ensureCorpus } from './lib/import-corpus.mjs'
import { listFiles } from './lib/list-files.mjs'
import { measure } from './lib/measure-child.mjs'

const benchDir = dirname(fileURLToPath(import.meta.url))
const engineEntry = join(benchDir, '..', 'out', 'main', 'engine.js')
/** The importer's default concurrency, which the floor uses too. */
const FLOOR_CONCURRENCY = 2
const MB = 1024 * 1024
const log = (message) => process.stderr.write(`${message}\n`)

function options() {
  const usage = 'usage: npm run bench -- import [--files N] [--keep]'
  let parsed
  try {
    parsed = parseArgs({
      options: { files: { type: 'string', default: '1000' }, keep: { type: 'boolean', default: false } },
    }).values
  } catch (error) {
    log(`bench import: ${error.message}\n${usage}`)
    process.exit(2)
  }
  const files = Number(parsed.files)
  if (!Number.isInteger(files) || files < 10) {
    log(`bench import: --files must be a whole number of at least 10\n${usage}`)
    process.exit(2)
  }
  return { files, keep: parsed.keep }
}

/** Reads every file once so that neither measured run pays for a cold page cache. */
async function warmPageCache(files) {
  for (const { path } of files) await readFile(path)
}

function rates({ seconds, cpuSeconds, maxRssKb }, files, bytes) {
  const round = (value, places = 2) => Number(value.toFixed(places))
  return {
    seconds: round(seconds, 3),
    cpuSeconds: round(cpuSeconds, 1),
    filesPerSecond: round(files / seconds, 1),
    mbPerSecond: round(bytes / MB / seconds, 1),
    peakRssMb: round(maxRssKb / 1024, 1),
  }
}

async function main() {
  const { files: wanted, keep } = options()
  if (!existsSync(engineEntry)) {
    log('bench import: out/main/engine.js is missing. Build first: npm run build')
    process.exit(1)
  }
  const corpus = await ensureCorpus(wanted, log)
  const files = await listFiles(corpus.dir)
  const bytes = files.reduce((sum, file) => sum + file.size, 0)
  log(`corpus: ${files.length} files, ${(bytes / MB).toFixed(1)} MB in ${corpus.dir}`)
  await warmPageCache(files)
  // The machine may be shared: a load already there slows both sides, so it is reported.
  const loadAtStart = Number(loadavg()[0].toFixed(2))

  const scratch = await mkdtemp(join(tmpdir(), 'castdesk-bench-import-'))
  const libraryDir = join(scratch, 'library')
  try {
    log('castdesk: importing through the engine')
    const castdesk = await measure('import-castdesk.mjs', [corpus.dir, libraryDir])
    log(`castdesk: ${castdesk.seconds.toFixed(1)} s`)
    log('floor: copy + hash + probe')
    const floor = await measure('import-floor.mjs', [
      corpus.dir,
      join(scratch, 'floor'),
      String(FLOOR_CONCURRENCY),
    ])
    log(`floor: ${floor.seconds.toFixed(1)} s`)
    if (castdesk.files !== files.length || floor.files !== files.length) {
      log(`warning: castdesk saw ${castdesk.files} files and the floor ${floor.files}, not ${files.length}`)
    }
    const result = {
      benchmark: 'import',
      files: files.length,
      bytes,
      castdesk: {
        ...rates(castdesk, files.length, bytes),
        imported: castdesk.imported,
        duplicates: castdesk.duplicates,
        errors: castdesk.errors,
      },
      floor: rates(floor, files.length, bytes),
      ratio: Number((castdesk.seconds / floor.seconds).toFixed(2)),
      // CPU time (with ffprobe's): less sensitive than wall time to other load on the machine.
      cpuRatio: Number((castdesk.cpuSeconds / floor.cpuSeconds).toFixed(2)),
      goals: { ratio: 1.3, peakRssMb: 200 },
      met: {
        ratio: castdesk.seconds / floor.seconds <= 1.3,
        peakRssMb: castdesk.maxRssKb / 1024 < 200,
      },
      loadAverage: { atStart: loadAtStart, atEnd: Number(loadavg()[0].toFixed(2)) },
      machine: { cpus: availableParallelism(), node: process.version },
    }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    if (castdesk.errors > 0) process.exitCode = 1
  } finally {
    await rm(join(scratch, 'floor'), { recursive: true, force: true })
    if (keep) log(`kept the library: ${libraryDir}`)
    else await rm(scratch, { recursive: true, force: true })
  }
}

await main()
