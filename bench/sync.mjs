// Benchmark: one-click sync of 500 files (about 300 MB) to a local S3-compatible server (s3rver),
// Castdesk against `rclone copy` (Debian's rclone), first upload and a no-op re-sync, same run.
// Usage: npm run bench -- sync [--rounds N] [--keep]
// Each round uses a fresh server and a fresh library (empty manifest); first uploads alternate
// which tool goes first; no-op re-syncs run three times each, interleaved. Medians are reported.
// Prints one JSON object on stdout; progress goes to stderr. Needs `npm run build` and rclone.
import { execFile, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { listFiles } from './lib/list-files.mjs'
import { startS3rver } from './lib/s3rver-process.mjs'
import { ensureSyncCorpus } from './lib/sync-corpus.mjs'
import { SANDBOX_CA_VARIABLES, typicalEnv } from './lib/typical-env.mjs'

const benchDir = dirname(fileURLToPath(import.meta.url))
const castdeskBin = join(benchDir, '..', 'bin', 'castdesk.js')
const MB = 1024 * 1024
const TARGETS = { first: 1.2, noop: 0.3 }
const log = (message) => process.stderr.write(`${message}\n`)
const round = (value, places = 3) => Number(value.toFixed(places))
const round2 = (value) => Number(value.toFixed(2))

/** Runs a command, resolving to its wall time in seconds; rejects on a non-zero exit. */
function timed(command, args, env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint()
    execFile(command, args, { env, maxBuffer: 64 * MB }, (error, stdout, stderr) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9
      if (error) return reject(new Error(`${command} ${args.join(' ')} failed: ${stderr || error.message}`))
      resolve({ seconds, stdout })
    })
  })
}

function rcloneEnv(endpoint, scratch) {
  // typicalEnv also drops AWS_CA_BUNDLE, with which rclone 1.60 fails ("LoadCustomCABundleError").
  const env = typicalEnv()
  return {
    ...env,
    RCLONE_CONFIG: join(scratch, 'rclone.conf'),
    RCLONE_CONFIG_BENCH_TYPE: 's3',
    RCLONE_CONFIG_BENCH_PROVIDER: 'Other',
    RCLONE_CONFIG_BENCH_ENDPOINT: endpoint,
    RCLONE_CONFIG_BENCH_ACCESS_KEY_ID: 'S3RVER',
    RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY: 'S3RVER',
    RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE: 'true',
    RCLONE_CONFIG_BENCH_REGION: 'us-east-1',
  }
}

/**
 * A library whose default storage holds the corpus: made empty first (a folder of files without a
 * catalog is refused, as it should be), then the corpus linked in (hard links: the same bytes, no
 * copy; a plain copy across file systems).
 */
async function castdeskLibrary(scratch, corpus, endpoint, env) {
  const dir = join(scratch, 'library')
  await rm(dir, { recursive: true, force: true })
  await mkdir(dir, { recursive: true })
  const config = {
    storages: {
      default: { type: 'local', location: 'media' },
      production: { type: 's3', bucket: 'castdesk', endpoint, forcePathStyle: true },
    },
  }
  await writeFile(join(dir, 'castdesk.config.json'), JSON.stringify(config, null, 2))
  await timed(process.execPath, [castdeskBin, '--library', dir, 'init'], process.env)
  const media = join(dir, 'media')
  const linked = spawnSync('cp', ['-al', `${corpus}/.`, media])
  if (linked.status !== 0) await timed('cp', ['-a', `${corpus}/.`, media], process.env)
  // A storage configured by hand is set up the one way a storage is (it writes the bucket's marker).
  await timed(process.execPath, [castdeskBin, '--library', dir, 'storages', 'init', 'production'], env)
  return dir
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** One round: a fresh server and library; first uploads, then interleaved no-op re-syncs. */
async function runRound(index, scratch, corpus, fileCount) {
  const server = await startS3rver(join(scratch, `s3-${index}`), ['castdesk', 'rclone'])
  try {
    const castdeskEnv = {
      ...typicalEnv(),
      CASTDESK_S3_PRODUCTION_ACCESS_KEY_ID: 'S3RVER',
      CASTDESK_S3_PRODUCTION_SECRET_ACCESS_KEY: 'S3RVER',
    }
    const library = await castdeskLibrary(scratch, corpus, server.endpoint, castdeskEnv)
    const castdesk = async () => {
      const run = await timed(
        process.execPath,
        [castdeskBin, '--library', library, '--json', 'sync'],
        castdeskEnv,
      )
      return { seconds: run.seconds, report: JSON.parse(run.stdout) }
    }
    const rclone = () =>
      timed('rclone', ['copy', corpus, 'bench:rclone'], rcloneEnv(server.endpoint, scratch))
    log(`round ${index + 1}: first uploads`)
    const castdeskFirstGoesFirst = index % 2 === 1
    const first = {}
    if (castdeskFirstGoesFirst) first.castdesk = await castdesk()
    first.rclone = await rclone()
    if (!castdeskFirstGoesFirst) first.castdesk = await castdesk()
    const report = first.castdesk.report
    if (report.copied !== fileCount || report.failures.length) {
      throw new Error(`castdesk did not upload every file: ${JSON.stringify(report).slice(0, 2000)}`)
    }
    log(`round ${index + 1}: no-op re-syncs`)
    const noop = { castdesk: [], rclone: [], castdeskEngine: [] }
    for (let i = 0; i < 3; i++) {
      noop.rclone.push((await rclone()).seconds)
      const again = await castdesk()
      if (again.report.copied !== 0) throw new Error('castdesk copied files in a no-op re-sync')
      noop.castdesk.push(again.seconds)
      noop.castdeskEngine.push(again.report.seconds)
    }
    return { first: { castdesk: first.castdesk.seconds, rclone: first.rclone.seconds }, noop }
  } finally {
    await server.stop()
    await rm(join(scratch, `s3-${index}`), { recursive: true, force: true })
  }
}

async function main() {
  const { keep, rounds: roundsText } = parseArgs({
    options: { keep: { type: 'boolean', default: false }, rounds: { type: 'string', default: '3' } },
  }).values
  const rounds = Number(roundsText)
  if (!Number.isInteger(rounds) || rounds < 1) {
    log('bench sync: --rounds must be a whole number of at least 1')
    process.exit(2)
  }
  if (!existsSync(join(benchDir, '..', 'out', 'main', 'cli.js'))) {
    log('bench sync: the CLI is not built. Build first: npm run build')
    process.exit(1)
  }
  const rcloneVersion = spawnSync('rclone', ['version'], { encoding: 'utf8' })
  if (rcloneVersion.status !== 0) {
    log('bench sync: rclone is missing. Install it: apt-get install -y rclone')
    process.exit(1)
  }
  const corpus = await ensureSyncCorpus(log)
  const files = await listFiles(corpus)
  const bytes = files.reduce((sum, file) => sum + file.size, 0)
  log(`corpus: ${files.length} files, ${(bytes / MB).toFixed(1)} MB in ${corpus}`)
  for (const { path } of files) await readFile(path)

  const scratch = await mkdtemp(join(tmpdir(), 'castdesk-bench-sync-'))
  await writeFile(join(scratch, 'rclone.conf'), '')
  try {
    const results = []
    for (let i = 0; i < rounds; i++) results.push(await runRound(i, scratch, corpus, files.length))
    const first = {
      castdesk: median(results.map((r) => r.first.castdesk)),
      rclone: median(results.map((r) => r.first.rclone)),
    }
    const noop = {
      castdesk: median(results.flatMap((r) => r.noop.castdesk)),
      rclone: median(results.flatMap((r) => r.noop.rclone)),
      castdeskEngine: median(results.flatMap((r) => r.noop.castdeskEngine)),
    }
    const ratios = { first: round2(first.castdesk / first.rclone), noop: round2(noop.castdesk / noop.rclone) }
    const result = {
      benchmark: 'sync',
      files: files.length,
      bytes,
      rounds,
      castdesk: {
        firstSeconds: round(first.castdesk),
        noopSeconds: round(noop.castdesk),
        // The no-op's own work (plan from the manifest), without starting the process.
        noopEngineSeconds: round(noop.castdeskEngine),
        firstMbPerSecond: round(bytes / MB / first.castdesk, 1),
      },
      rclone: {
        firstSeconds: round(first.rclone),
        noopSeconds: round(noop.rclone),
        firstMbPerSecond: round(bytes / MB / first.rclone, 1),
        command: `rclone copy ${corpus} bench:rclone`,
        version: rcloneVersion.stdout.split('\n')[0],
      },
      ratios,
      targets: TARGETS,
      met: { first: ratios.first <= TARGETS.first, noop: ratios.noop <= TARGETS.noop },
      perRound: results.map((r) => ({
        first: { castdesk: round(r.first.castdesk), rclone: round(r.first.rclone) },
        noop: { castdesk: r.noop.castdesk.map((s) => round(s)), rclone: r.noop.rclone.map((s) => round(s)) },
      })),
      // Unset for both tools, as on a podcaster's machine (see bench/lib/typical-env.mjs).
      unsetForBoth: SANDBOX_CA_VARIABLES,
      machine: {
        cpus: availableParallelism(),
        node: process.version,
        loadAverage: loadavg().map((l) => round2(l)),
      },
    }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  } finally {
    if (keep) log(`kept ${scratch}`)
    else await rm(scratch, { recursive: true, force: true })
  }
}

await main()
