// Benchmark: CLI start-up. `castdesk --version` against `node -e 0` (starting Node itself), and
// `castdesk list --json` on a library of 10,000 items against its floor: a bare Node script that
// opens the same library.sqlite read-only with better-sqlite3, selects the same rows and prints
// the same bytes (bench/lib/list-floor.cjs; checked byte for byte before timing). Hyperfine-like:
// runs are interleaved, the median wall time of each is reported.
// Usage: npm run bench -- startup [--runs N] [--items N] [--castdesk PATH/bin/castdesk.js]
// (--castdesk times another build, e.g. an older checkout, against the same library)
// The library is made once (cached in bench/.corpus): small distinct text files imported by the
// engine's own media.import. Prints one JSON object on stdout; progress goes to stderr.
// Needs `npm run build`.
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { SANDBOX_CA_VARIABLES, typicalEnv } from './lib/typical-env.mjs'

const require = createRequire(import.meta.url)
const LIST_GOAL = 1.5
const benchDir = dirname(fileURLToPath(import.meta.url))
const GOAL = { version: 2, list: LIST_GOAL }
const USER = 'bench'
const log = (message) => process.stderr.write(`${message}\n`)
const round = (value, places = 1) => Number(value.toFixed(places))

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    items: { type: 'string', default: '10000' },
    castdesk: { type: 'string', default: join(benchDir, '..', 'bin', 'castdesk.js') },
  },
})
const runs = Number(values.runs)
const items = Number(values.items)
const castdeskBin = values.castdesk

async function ensureListLibrary(count) {
  const dir = join(benchDir, '.corpus', `startup-v1-${count}`)
  if (existsSync(join(dir, 'ready'))) return dir
  const building = `${dir}.building`
  rmSync(dir, { recursive: true, force: true })
  rmSync(building, { recursive: true, force: true })
  const seeds = join(building, 'seeds')
  mkdirSync(seeds, { recursive: true })
  log(`startup: making a ${count.toLocaleString('en')}-item library in ${dir}`)
  for (let n = 0; n < count; n++) writeFileSync(join(seeds, `note-${n}.txt`), `Show note ${n}\n`)
  const { Library, createDispatcher, createHandlers, actingUser } = require('../out/main/engine.js')
  const library = await Library.open(join(building, 'library'), { create: true })
  try {
    const call = createDispatcher(createHandlers(library))
    const outcomes = await call('media.import', { paths: [seeds] }, { user: actingUser(library, USER) })
    const imported = outcomes.filter((o) => o.status === 'imported').length
    if (imported !== count) throw new Error(`imported ${imported} of ${count}`)
    await library.jobs.stop?.()
  } finally {
    library.close()
  }
  renameSync(join(building, 'library'), dir)
  rmSync(building, { recursive: true, force: true })
  writeFileSync(join(dir, 'ready'), new Date().toISOString())
  return dir
}

/** Wall time of one run in milliseconds; throws on a non-zero exit. */
function timeOnce(args, env) {
  const start = process.hrtime.bigint()
  const result = spawnSync(process.execPath, args, {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 1 << 28,
  })
  const ms = Number(process.hrtime.bigint() - start) / 1e6
  if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr}`)
  return ms
}

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** Runs each command `runs` times, interleaved, after one warm-up each; medians in ms. */
function compare(commands, env) {
  const times = commands.map(() => [])
  for (const args of commands) timeOnce(args, env)
  for (let n = 0; n < runs; n++)
    for (const [i, args] of commands.entries()) times[i].push(timeOnce(args, env))
  return times.map(median)
}

if (!existsSync(join(dirname(castdeskBin), '..', 'out', 'main', 'cli.js'))) {
  log('startup: build first (npm run build)')
  process.exit(1)
}
const version = execFileSync(process.execPath, [castdeskBin, '--version'], { encoding: 'utf8' }).trim()
const library = await ensureListLibrary(items)
// Both sides without this machine's CA-bundle variables (bench/lib/typical-env.mjs).
const env = typicalEnv({ CASTDESK_LIBRARY: library, CASTDESK_USER: USER })
const listArgs = [castdeskBin, 'list', '--json', '--limit', String(items)]
const floorArgs = [join(benchDir, 'lib', 'list-floor.cjs'), library, USER, String(items)]
const printed = execFileSync(process.execPath, listArgs, { env, maxBuffer: 1 << 28 })
const listed = JSON.parse(printed)
if (listed.length !== items) throw new Error(`list printed ${listed.length} items, expected ${items}`)
// The floor does the same job only if it prints the same bytes.
if (!printed.equals(execFileSync(process.execPath, floorArgs, { env, maxBuffer: 1 << 28 })))
  throw new Error('the floor script printed other bytes than castdesk list --json')

log(`startup: ${runs} runs each, interleaved`)
const floor = ['-e', '0']
const [nodeVersion, castdeskVersion] = compare([floor, [castdeskBin, '--version']], env)
const [floorList, castdeskList] = compare([floorArgs, listArgs], env)
const ratio = castdeskVersion / nodeVersion
const listRatio = castdeskList / floorList
process.stdout.write(
  `${JSON.stringify(
    {
      benchmark: 'startup',
      castdesk: version,
      node: process.version,
      runs,
      loadavg: loadavg().map((l) => round(l, 2)),
      unsetForBoth: SANDBOX_CA_VARIABLES,
      version: {
        medianMs: { castdesk: round(castdeskVersion), node: round(nodeVersion) },
        ratio: round(ratio, 2),
        goal: `<= ${GOAL.version}x node -e 0`,
        met: ratio <= GOAL.version,
      },
      list: {
        items,
        bytes: printed.length,
        medianMs: { castdesk: round(castdeskList), floor: round(floorList), node: round(nodeVersion) },
        floor: 'bench/lib/list-floor.cjs: better-sqlite3 read-only, one SELECT, JSON.stringify (same bytes)',
        ratio: round(listRatio, 2),
        goal: `<= ${GOAL.list}x the floor`,
        met: listRatio <= GOAL.list,
      },
    },
    null,
    2,
  )}\n`,
)
