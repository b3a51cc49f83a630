import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { afterAll, describe, expect, it } from 'vitest'
import { makeAudio, makeDir, makeImage } from '../test/helpers/media-fixtures'
import { CLI } from '../test/helpers/run-cli'
import { credentialsEnv } from '../test/integration/storage/support/s3-fixtures'
import { cliJsonOk, cliOk, runCliProcess } from './lib/cli-process'
import { recordFigure } from './lib/figures'
import { LOAD_CONNECTIONS, LOAD_P99_BUDGET_MS, LOAD_RSS_BUDGET_MIB, LOAD_SECONDS } from './lib/scale'

/**
 * 5. Load. The REST API (a real `castdesk serve`) under LOAD_CONNECTIONS connections for
 * LOAD_SECONDS (autocannon, as `npm run bench -- api`), while another process imports the corpus
 * again and again (bench/lib/api-import-loop.mjs, a new user each round) and the CLI syncs the
 * library to a local S3 server again and again. Figures: requests, errors (non-2xx, socket
 * errors, timeouts), SQLITE_BUSY anywhere, p99 latency, the server's peak RSS.
 */

interface AutocannonResult {
  requests: { total: number; average: number }
  latency: { p50: number; p99: number; max: number }
  errors: number
  timeouts: number
  non2xx: number
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>

const ROOT = join(__dirname, '..')
const requireHere = createRequire(join(__dirname, 'load.reliability.ts'))
const autocannon = requireHere('autocannon') as Autocannon
const root = mkdtempSync(join(tmpdir(), 'castdesk-reliability-load-'))
const dir = join(root, 'library')
const BUSY = /SQLITE_BUSY|database is locked/g
const children: ChildProcess[] = []

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** s3rver in a process of its own, so that it does not share an event loop with autocannon. */
async function startS3rverProcess(bucket: string): Promise<string> {
  const port = await freePort()
  const bin = join(ROOT, 'node_modules', 's3rver', 'bin', 's3rver.js')
  const child = spawn(
    process.execPath,
    [
      bin,
      '-d',
      makeDir(root, 's3'),
      '-a',
      '127.0.0.1',
      '-p',
      String(port),
      '--silent',
      '--configure-bucket',
      bucket,
    ],
    { stdio: 'ignore' },
  )
  children.push(child)
  for (let i = 0; i < 200; i++) {
    try {
      await (await fetch(`http://127.0.0.1:${port}/`)).arrayBuffer()
      return `http://127.0.0.1:${port}`
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
  throw new Error('s3rver did not start')
}

function peakRssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Math.round(Number(/^VmHWM:\s+(\d+)\s+kB$/m.exec(status)?.[1] ?? 0) / 1024)
}

describe('5. load', () => {
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
    rmSync(root, { recursive: true, force: true })
  })

  it(`REST API under ${LOAD_CONNECTIONS} connections for ${LOAD_SECONDS} s while an import and a sync run`, async () => {
    const corpus = makeDir(root, 'corpus')
    for (let i = 0; i < 60; i++)
      await makeImage(join(corpus, `photo ${i}.png`), 'png', { width: 96, height: 64, seed: i })
    for (let i = 0; i < 40; i++)
      writeFileSync(join(corpus, `episode notes ${i}.txt`), `interview notes ${i}\n`)
    for (let i = 0; i < 6; i++)
      makeAudio(join(corpus, `intro take ${i}.mp3`), 'mp3', { seconds: 1, frequency: 300 + 50 * i })
    const endpoint = await startS3rverProcess('load')
    cliOk(['--library', dir, 'init'])
    writeFileSync(
      join(dir, 'castdesk.config.json'),
      JSON.stringify({
        storages: {
          default: { type: 'local', location: 'media' },
          production: { type: 's3', bucket: 'load', endpoint, forcePathStyle: true },
        },
      }),
    )
    const env = credentialsEnv('production')
    // A storage configured after `init` is set up the one way a storage is (s3rver runs in its own process).
    cliOk(['--library', dir, 'storages', 'init', 'production'], env)
    cliOk(['--library', dir, '--user', 'load', 'import', corpus])
    const { token } = cliJsonOk<{ token: string }>([
      '--library',
      dir,
      '--user',
      'load',
      'users',
      'token',
      'load',
    ])
    const db = new Database(join(dir, 'library.sqlite'), { readonly: true })
    const imageKey = (
      db
        .prepare(
          "SELECT storage_key AS key FROM blobs WHERE role = 'original' AND mime = 'image/png' LIMIT 1",
        )
        .get() as {
        key: string
      }
    ).key
    db.close()

    const server = spawn(
      process.execPath,
      [CLI, '--library', dir, '--user', 'load', '--json', 'serve', '--port', '0'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    children.push(server)
    let serverErr = ''
    server.stderr.on('data', (chunk: Buffer) => {
      serverErr += chunk.toString()
    })
    const [line] = (await once(createInterface({ input: server.stdout }), 'line')) as [string]
    const url = (JSON.parse(line) as { url: string }).url

    // The import: the bench's loop, a new user each round, until SIGTERM.
    const importer = spawn(
      process.execPath,
      [join(ROOT, 'bench', 'lib', 'api-import-loop.mjs'), corpus, dir, 'loop', 'importer'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    children.push(importer)
    let importOut = ''
    let importErr = ''
    importer.stdout.on('data', (chunk: Buffer) => {
      importOut += chunk.toString()
    })
    importer.stderr.on('data', (chunk: Buffer) => {
      importErr += chunk.toString()
    })
    // The sync: again and again while the load lasts (each round uploads what the importer added).
    let loading = true
    const syncs = { rounds: 0, failed: 0, copied: 0, busy: 0, errors: [] as string[] }
    const syncing = (async () => {
      while (loading) {
        const run = await runCliProcess(['--library', dir, '--json', 'sync', '--to', 'production'], { env })
        syncs.rounds++
        syncs.busy += (run.stderr.match(BUSY) ?? []).length + (run.stdout.match(BUSY) ?? []).length
        if (run.code !== 0) {
          syncs.failed++
          if (syncs.errors.length < 3) syncs.errors.push(run.stderr.trim().slice(0, 300))
        } else syncs.copied += (JSON.parse(run.stdout) as { copied: number }).copied
      }
    })()

    const paths = [
      '/api/images/',
      '/api/files/?pageSize=20',
      '/api/audios/',
      '/api/search/?q=interview',
      '/api/search/?q=photo',
      `/media/${imageKey}`,
      '/api/jobs/',
    ]
    const result = await autocannon({
      url,
      connections: LOAD_CONNECTIONS,
      duration: LOAD_SECONDS,
      timeout: 30,
      headers: { authorization: `Bearer ${token}` },
      requests: paths.map((path) => ({ method: 'GET', path })),
    })
    loading = false
    const rss = peakRssMiB(server.pid as number)
    importer.kill('SIGTERM')
    await once(importer, 'exit')
    await syncing
    server.kill('SIGTERM')
    await once(server, 'exit')

    const imported = JSON.parse(importOut.trim().split('\n').at(-1) || '{}') as {
      rounds?: number
      imported?: number
      errors?: number
      busy?: number
      firstErrors?: string[]
    }
    const logFile = join(dir, 'logs', 'castdesk.log')
    const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''
    const busy =
      (log.match(BUSY) ?? []).length +
      (serverErr.match(BUSY) ?? []).length +
      (importErr.match(BUSY) ?? []).length +
      (imported.busy ?? 0) +
      syncs.busy
    const failedRequests = result.errors + result.timeouts + result.non2xx
    const failures: string[] = []
    if (failedRequests)
      failures.push(
        `${failedRequests} failed requests (${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts)`,
      )
    if (busy) failures.push(`SQLITE_BUSY ${busy} times`)
    if (result.latency.p99 > LOAD_P99_BUDGET_MS)
      failures.push(`p99 ${result.latency.p99} ms over the ${LOAD_P99_BUDGET_MS} ms budget`)
    if (rss > LOAD_RSS_BUDGET_MIB)
      failures.push(`peak RSS ${rss} MiB over the ${LOAD_RSS_BUDGET_MIB} MiB budget`)
    if (!imported.rounds || imported.errors)
      failures.push(
        `import: ${imported.rounds ?? 0} rounds, ${imported.errors ?? '?'} errors ${imported.firstErrors ?? ''}`,
      )
    if (!syncs.rounds || syncs.failed)
      failures.push(`sync: ${syncs.rounds} rounds, ${syncs.failed} failed ${syncs.errors.join(' | ')}`)
    recordFigure({
      section: 'load',
      name: 'REST API during import and sync',
      measure: 'requests answered 2xx / sent',
      tried: result.requests.total,
      ok: result.requests.total - failedRequests,
      failures,
      values: {
        connections: LOAD_CONNECTIONS,
        seconds: LOAD_SECONDS,
        requests: result.requests.total,
        requestsPerSecond: Math.round(result.requests.average),
        errors: failedRequests,
        sqliteBusy: busy,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        maxMs: result.latency.max,
        peakRssMiB: rss,
        importRounds: imported.rounds ?? 0,
        itemsImported: imported.imported ?? 0,
        syncRounds: syncs.rounds,
        objectsSynced: syncs.copied,
      },
    })
    expect(failures).toEqual([])
  })
})
