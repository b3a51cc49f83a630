// Benchmark: the REST API under load (autocannon) while imports run in another process.
// Phases: GET /api/images/ (a 40-item page), then GET /api/search/?q=… (rotating queries), each for
// --seconds with --connections, while a second process imports the corpus again and again.
// Usage: npm run bench -- api [--seconds 20] [--connections 50] [--files 200] [--keep]
// Prints one JSON object on stdout; progress goes to stderr.
import { execFileSync, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { ensureCorpus } from './lib/import-corpus.mjs'

const benchDir = dirname(fileURLToPath(import.meta.url))
const root = join(benchDir, '..')
const cli = join(root, 'bin', 'castdesk.js')
const log = (message) => process.stderr.write(`${message}\n`)
const SEARCHES = ['episode', 'interview', 'photo 01', 'graphic', 'intro', 'take 02', 'mp3', 'outro']

function options() {
  const usage = 'usage: npm run bench -- api [--seconds 20] [--connections 50] [--files 200] [--keep]'
  try {
    const { values } = parseArgs({
      options: {
        seconds: { type: 'string', default: '20' },
        connections: { type: 'string', default: '50' },
        files: { type: 'string', default: '200' },
        keep: { type: 'boolean', default: false },
      },
    })
    const number = (key, min) => {
      const value = Number(values[key])
      if (!Number.isInteger(value) || value < min)
        throw new Error(`--${key} must be a whole number of at least ${min}`)
      return value
    }
    return {
      seconds: number('seconds', 1),
      connections: number('connections', 1),
      files: number('files', 10),
      keep: values.keep,
    }
  } catch (error) {
    log(`bench api: ${error.message}\n${usage}`)
    process.exit(2)
  }
}

const castdesk = (library, ...args) =>
  JSON.parse(
    execFileSync(process.execPath, [cli, '--library', library, '--json', ...args], { encoding: 'utf8' }),
  )

function importer(corpus, library, ...args) {
  const child = spawn(
    process.execPath,
    [join(benchDir, 'lib', 'api-import-loop.mjs'), corpus, library, ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  let output = ''
  child.stdout.on('data', (chunk) => {
    output += chunk
  })
  const done = once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`the importer exited with ${code}`)
    return JSON.parse(output.trim().split('\n').at(-1))
  })
  return { child, done }
}

async function startServer(library) {
  const child = spawn(
    process.execPath,
    [cli, '--library', library, '--user', 'bench', '--json', 'serve', '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr.on('data', (chunk) => {
    stderr += chunk
  })
  const [line] = await once(createInterface({ input: child.stdout }), 'line')
  return { child, url: JSON.parse(line).url, stderr: () => stderr }
}

async function load(name, url, token, connections, seconds, paths) {
  log(`${name}: ${connections} connections for ${seconds} s`)
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
    requests: paths.map((path) => ({ method: 'GET', path })),
  })
  const summary = {
    paths,
    requests: result.requests.total,
    requestsPerSecond: Math.round(result.requests.average),
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  }
  log(
    `${name}: ${summary.requestsPerSecond} req/s, p99 ${summary.latencyMs.p99} ms, ${summary.errors} errors, ${summary.non2xx} non-2xx`,
  )
  return summary
}

async function main() {
  const { seconds, connections, files, keep } = options()
  if (
    !existsSync(join(root, 'out', 'main', 'cli.js')) ||
    !existsSync(join(root, 'out', 'main', 'engine.js'))
  ) {
    log('bench api: out/main is missing. Build first: npm run build')
    process.exit(1)
  }
  const corpus = await ensureCorpus(files, log)
  // Other work on the machine skews the figures: the load average before the run says how much.
  const loadBefore = loadavg().map((load) => Number(load.toFixed(2)))
  const scratch = await mkdtemp(join(tmpdir(), 'castdesk-bench-api-'))
  const library = join(scratch, 'library')
  let server = null
  try {
    castdesk(library, 'init')
    log(`seed: importing ${files} files for the benchmark user`)
    const seed = await importer(corpus.dir, library, 'once', 'bench').done
    const { token } = castdesk(library, 'users', 'token', 'bench')
    server = await startServer(library)
    log(`server: ${server.url}`)

    const imports = importer(corpus.dir, library, 'loop', 'importer')
    const list = await load('list', server.url, token, connections, seconds, ['/api/images/'])
    const search = await load(
      'search',
      server.url,
      token,
      connections,
      seconds,
      SEARCHES.map((q) => `/api/search/?q=${encodeURIComponent(q)}`),
    )
    log('import: finishing the current round')
    imports.child.kill('SIGTERM')
    const imported = await imports.done

    server.child.kill('SIGTERM')
    await once(server.child, 'exit')
    const logFile = join(library, 'logs', 'castdesk.log')
    const serverLog = existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''
    const busyInLog = (serverLog.match(/SQLITE_BUSY|database is locked/g) ?? []).length
    const busyOnStderr = (server.stderr().match(/SQLITE_BUSY|database is locked/g) ?? []).length
    const result = {
      benchmark: 'api',
      connections,
      seconds,
      corpusFiles: files,
      seeded: { items: seed.imported, errors: seed.errors },
      list,
      search,
      importDuringLoad: imported,
      sqliteBusy: busyInLog + busyOnStderr + imported.busy,
      machine: { cpus: availableParallelism(), node: process.version, loadAverageBefore: loadBefore },
    }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    const failed = [list, search].some((phase) => phase.errors || phase.timeouts || phase.non2xx)
    if (failed || result.sqliteBusy > 0 || imported.errors > 0) process.exitCode = 1
  } finally {
    if (server && server.child.exitCode === null) server.child.kill('SIGKILL')
    if (keep) log(`kept the library: ${library}`)
    else await rm(scratch, { recursive: true, force: true })
  }
}

await main()
