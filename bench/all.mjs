// Runs every benchmark in bench/, one after the other, at sizes that fit about 15 minutes on two
// cores (once their corpora are cached in bench/.corpus), and prints one JSON object: per figure,
// Castdesk's value, its peer's or floor's from the same run, the ratio, the goal and whether it
// is met. Each bench's own JSON is kept in bench/results/all-<date>.json.
// Usage: npm run bench -- all [--only name,name] [--skip name,name]
import { execFile } from 'node:child_process'
import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'

const benchDir = dirname(fileURLToPath(import.meta.url))
const log = (message) => process.stderr.write(`${message}\n`)
const round = (value, places = 2) => (Number.isFinite(value) ? Number(value.toFixed(places)) : null)

/**
 * How each bench runs here (its arguments) and the figures read from its JSON. A figure is
 * { name, unit, castdesk, peer, peerName, goal (the largest ratio, or value when there is no peer),
 * lowerIsBetter } and gets its ratio and met below.
 */
const BENCHES = {
  import: {
    args: ['--files', '1000'],
    figures: (r) => [
      figure(
        'import 1,000 mixed files',
        's',
        r.castdesk.seconds,
        r.floor.seconds,
        'copy+hash+probe floor',
        1.3,
      ),
      figure('import peak RSS', 'MB', r.castdesk.peakRssMb, null, null, 200),
    ],
  },
  renditions: {
    // Two rounds: Castdesk and the floor twice each, interleaved (A B … B A), so the VM's drift
    // (the floor alone varies ~9 % run to run) cancels out of their ratio; castdesk.seconds and
    // floor.seconds are the means, castdesk.peakRssMb the highest run's.
    args: ['--images', '24', '--rounds', '2'],
    figures: (r) => [
      figure(
        'renditions vs encode-only floor',
        's',
        r.castdesk.seconds,
        r.floor.seconds,
        'encode-only floor',
        1.1,
      ),
      figure('renditions vs naive sharp', 's', r.castdesk.seconds, r.naive.seconds, 'naive sharp', 0.75),
      figure('renditions vs eleventy-img', 's', r.castdesk.seconds, r.eleventy.seconds, 'eleventy-img', 0.6),
      figure('renditions peak RSS', 'MB', r.castdesk.peakRssMb, null, null, 600),
    ],
  },
  startup: {
    args: ['--runs', '15'],
    figures: (r) => [
      figure(
        'castdesk --version',
        'ms',
        r.version.medianMs.castdesk,
        r.version.medianMs.node,
        'node -e 0',
        2,
      ),
      figure(
        'castdesk list --json (10,000 items)',
        'ms',
        r.list.medianMs.castdesk,
        r.list.medianMs.floor,
        'better-sqlite3 + JSON.stringify script',
        1.5,
      ),
    ],
  },
  sync: {
    // Three rounds (nine no-op pairs): rclone's no-op alone varies 0.72-0.92 s between rounds.
    args: ['--rounds', '3'],
    figures: (r) => [
      figure(
        'sync 500 files, first upload',
        's',
        r.castdesk.firstSeconds,
        r.rclone.firstSeconds,
        'rclone copy',
        r.targets.first,
      ),
      figure('sync no-op', 's', r.castdesk.noopSeconds, r.rclone.noopSeconds, 'rclone copy', r.targets.noop),
    ],
  },
  audio: {
    args: ['--files', '40', '--runs', '3'],
    figures: (r) => [
      figure(
        'audio import',
        's',
        r.import.castdesk.seconds,
        r.import.ffprobeFloor.seconds,
        'ffprobe alone',
        null,
      ),
      figure(
        'audio import vs copy+hash+probe',
        's',
        r.import.castdesk.seconds,
        r.import.copyHashProbeFloor.seconds,
        'copy+hash+probe floor',
        null,
      ),
      figure(
        'write chapters',
        's',
        r.writeChapters.castdeskSeconds,
        r.writeChapters.bareFfmpegSeconds,
        'bare ffmpeg',
        null,
      ),
    ],
  },
  encode: {
    // --phases keeps Castdesk's CPU per phase in the raw result: an outlier can then be explained.
    args: ['--minutes', '10', '--phases'],
    figures: (r) => [
      figure(
        'encode a 10-min master, MP3+M4A+Opus',
        's',
        r.castdesk.seconds,
        r.floor.seconds,
        'three encodes alone',
        r.goals.vsFloor,
      ),
      figure(
        'encode vs naive two-pass',
        's',
        r.castdesk.seconds,
        r.naive.seconds,
        'naive loudnorm script',
        r.goals.vsNaive,
      ),
      figure(
        'encode peak RSS',
        'MB',
        r.castdesk.treePeakRssMb ?? r.castdesk.peakRssMb,
        null,
        null,
        r.goals.peakRssMb,
      ),
    ],
  },
  feed: {
    args: ['--episodes', '30'],
    figures: (r) => [
      figure(
        'podcast import of a feed',
        's',
        r.castdesk.seconds,
        r.floor.seconds,
        'curl + import floor',
        r.goals.ratio,
      ),
      figure('feed peak RSS', 'MB', r.castdesk.peakRssMb, null, null, r.goals.peakRssMb),
      figure('feed second run', 's', r.secondRun.seconds, null, null, r.goals.secondRunSeconds),
    ],
  },
  posters: {
    args: ['--rounds', '1'],
    figures: (r) => [
      figure(
        'video posters',
        's',
        r.castdesk.medianSeconds,
        r.bareFfmpeg.medianSeconds,
        'bare ffmpeg',
        r.target,
      ),
    ],
  },
  api: {
    args: ['--seconds', '8', '--files', '100'],
    figures: (r) => [
      figure('API /api/images/ under import', 'req/s', r.list.requestsPerSecond, null, null, null),
      figure('API /api/images/ p99 under import', 'ms', r.list.latencyMs.p99, null, null, null),
      figure('API search under import', 'req/s', r.search.requestsPerSecond, null, null, null),
      figure('API search p99 under import', 'ms', r.search.latencyMs.p99, null, null, null),
    ],
  },
  grid: {
    args: ['--items', '100000', '--seconds', '5'],
    figures: (r) => [
      figure(
        'grid longest scroll frame',
        'ms',
        r.scroll.longestMs,
        r.floor.idle.longestMs,
        'idle frame loop',
        null,
      ),
      figure('grid first card', 'ms', r.firstCardMs, null, null, null),
    ],
  },
  containment: {
    args: [],
    figures: (r) => [
      figure(
        'containment check per lookup',
        'µs',
        r.checkedPathMicroseconds,
        r.lexicalPathMicroseconds,
        'lexical path alone',
        null,
      ),
    ],
  },
}

function figure(name, unit, castdesk, peer, peerName, goal) {
  const ratio = peer ? round(castdesk / peer) : null
  const measured = peer ? ratio : castdesk
  return {
    name,
    unit,
    castdesk: round(castdesk, 3),
    peer: peer ? { name: peerName, value: round(peer, 3) } : null,
    ratio,
    goal: goal === null || goal === undefined ? null : peer ? `ratio <= ${goal}` : `< ${goal} ${unit}`,
    met: goal === null || goal === undefined ? null : peer ? measured <= goal : measured < goal,
  }
}

function runBench(name, args) {
  return new Promise((resolve) => {
    const started = performance.now()
    const child = execFile(
      process.execPath,
      [join(benchDir, `${name}.mjs`), ...args],
      { maxBuffer: 64 << 20 },
      (error, stdout) => {
        const seconds = round((performance.now() - started) / 1000, 1)
        const text = stdout.trim()
        const start = text.indexOf('{')
        try {
          resolve({ seconds, result: JSON.parse(text.slice(start)), exitError: error?.message ?? null })
        } catch {
          resolve({ seconds, error: error?.message ?? 'no JSON printed' })
        }
      },
    )
    child.stderr.on('data', (chunk) => process.stderr.write(`[${name}] ${chunk}`))
  })
}

const list = (value) => (value ? value.split(',').map((s) => s.trim()) : [])
const { values } = parseArgs({ options: { only: { type: 'string' }, skip: { type: 'string' } } })
const present = (await readdir(benchDir)).filter((f) => f.endsWith('.mjs')).map((f) => f.slice(0, -4))
const unknown = present.filter((name) => !['run', 'all'].includes(name) && !BENCHES[name])
if (unknown.length) log(`all: no figures defined for ${unknown.join(', ')}: run on their own`)
const only = list(values.only)
const skip = list(values.skip)
const names = Object.keys(BENCHES).filter(
  (name) => present.includes(name) && (!only.length || only.includes(name)) && !skip.includes(name),
)

const started = new Date()
const summary = {
  date: started.toISOString(),
  machine: {
    cpus: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: round(totalmem() / 2 ** 30, 1),
    node: process.version,
    loadAverageAtStart: round(loadavg()[0]),
  },
  benches: {},
}
const raw = {}
for (const name of names) {
  const { args, figures } = BENCHES[name]
  log(`all: ${name} ${args.join(' ')}`)
  const run = await runBench(name, args)
  raw[name] = run
  let entry
  if (run.error) entry = { error: run.error }
  else {
    try {
      entry = { figures: figures(run.result) }
    } catch (error) {
      entry = { error: `unexpected output: ${error.message}` }
    }
    if (run.exitError) entry.warning = run.exitError
  }
  summary.benches[name] = {
    command: `npm run bench -- ${name} ${args.join(' ')}`.trim(),
    seconds: run.seconds,
    ...entry,
  }
}
summary.totalSeconds = round((Date.now() - started.getTime()) / 1000, 1)
summary.machine.loadAverageAtEnd = round(loadavg()[0])
const goals = Object.values(summary.benches).flatMap((b) => (b.figures ?? []).filter((f) => f.met !== null))
summary.goalsMet = `${goals.filter((f) => f.met).length} of ${goals.length}`

const resultsDir = join(benchDir, 'results')
await mkdir(resultsDir, { recursive: true })
await writeFile(
  join(resultsDir, `all-${started.toISOString().replace(/[:.]/g, '-')}.json`),
  JSON.stringify({ summary, raw }, null, 2),
)
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
if (Object.values(summary.benches).some((b) => b.error)) process.exitCode = 1
