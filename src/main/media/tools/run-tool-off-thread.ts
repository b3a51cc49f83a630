import { SHARE_ENV, Worker } from 'node:worker_threads'
import { CastdeskError } from '../../../shared/errors'
import { exitFailure, type RunOptions, runTool, spawnFailure, type ToolRun, toolLabel } from './run-tool'

/**
 * `runTool` with the spawn on a worker thread. Node's spawn blocks its thread until the child has
 * exec'd (≈10 ms a call, far more on a busy machine, and more the larger the process): run from
 * the main thread, an import of 1,000 files stood still for seconds between its copies and commits.
 * The worker only starts the child and collects what it prints; errors are made here, as `runTool`
 * makes them. Falls back to `runTool` where a worker cannot start.
 */
export function runToolOffThread(
  path: string,
  args: readonly string[],
  options: RunOptions,
): Promise<ToolRun> {
  const worker = pool.pick()
  if (!worker) return runTool(path, args, options)
  return worker.run(path, args, options)
}

/** Plain JavaScript (the worker runs it as it is, in the build and under tests alike). */
const WORKER_SOURCE = `
const { spawn } = require('node:child_process')
const { parentPort } = require('node:worker_threads')
parentPort.on('message', ({ id, path, args, timeoutMs, maxOutput }) => {
  let settled = false
  const post = (message) => {
    if (settled) return
    settled = true
    parentPort.postMessage({ id, ...message })
  }
  let child
  try {
    child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
  } catch (error) {
    post({ spawnError: { code: error.code, message: error.message } })
    return
  }
  const stdout = []
  const stderr = []
  let bytes = 0
  let limit = null
  const timer = setTimeout(() => {
    limit = 'timeout'
    child.kill('SIGKILL')
  }, timeoutMs)
  child.stdout.on('data', (chunk) => {
    bytes += chunk.length
    if (bytes > maxOutput) {
      limit = 'output'
      child.kill('SIGKILL')
      return
    }
    stdout.push(chunk)
  })
  child.stderr.on('data', (chunk) => {
    if (stderr.length < 256) stderr.push(chunk)
  })
  child.on('error', (error) => {
    clearTimeout(timer)
    post({ spawnError: { code: error.code, message: error.message } })
  })
  child.on('close', (exitCode, signal) => {
    clearTimeout(timer)
    post({
      limit,
      exitCode,
      signal,
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8'),
    })
  })
})
`

interface Reply {
  id: number
  spawnError?: { code?: string; message: string }
  limit?: 'timeout' | 'output' | null
  exitCode?: number | null
  signal?: NodeJS.Signals | null
  stdout?: string
  stderr?: string
}

interface Waiting {
  path: string
  options: RunOptions
  resolve: (run: ToolRun) => void
  reject: (error: unknown) => void
}

/** One worker and the runs it has started; it holds the process open only while one is running. */
class SpawnWorker {
  private readonly waiting = new Map<number, Waiting>()
  private nextId = 1
  private broken = false

  constructor(private readonly worker: Worker) {
    worker.unref()
    worker.on('message', (reply: Reply) => this.settle(reply))
    worker.on('error', (error) => this.fail(error))
    worker.on('exit', (code) =>
      this.fail(new CastdeskError('tool_failed', `The tool runner stopped (exit ${code}).`)),
    )
  }

  get usable(): boolean {
    return !this.broken
  }

  get load(): number {
    return this.waiting.size
  }

  run(path: string, args: readonly string[], options: RunOptions): Promise<ToolRun> {
    const id = this.nextId++
    return new Promise<ToolRun>((resolve, reject) => {
      this.waiting.set(id, { path, options, resolve, reject })
      if (this.waiting.size === 1) this.worker.ref()
      this.worker.postMessage({
        id,
        path,
        args: [...args],
        timeoutMs: options.timeoutMs,
        maxOutput: options.maxOutputBytes ?? 64 * 1024 * 1024,
      })
    })
  }

  private settle(reply: Reply): void {
    const run = this.take(reply.id)
    if (!run) return
    const outcome = toolOutcome(run, reply)
    if (outcome instanceof CastdeskError) run.reject(outcome)
    else run.resolve(outcome)
  }

  private take(id: number): Waiting | undefined {
    const run = this.waiting.get(id)
    this.waiting.delete(id)
    if (this.waiting.size === 0) this.worker.unref()
    return run
  }

  private fail(error: unknown): void {
    this.broken = true
    const runs = [...this.waiting.values()]
    this.waiting.clear()
    for (const run of runs) run.reject(error)
  }
}

/** What `runTool` would have resolved or rejected with, from the worker's reply. */
function toolOutcome({ path, options }: Waiting, reply: Reply): ToolRun | CastdeskError {
  const label = toolLabel(path)
  if (reply.spawnError) return spawnFailure(path, reply.spawnError)
  if (reply.limit === 'timeout')
    return new CastdeskError('tool_timeout', `${label} did not finish within ${options.timeoutMs / 1000} s.`)
  if (reply.limit === 'output') {
    const max = options.maxOutputBytes ?? 64 * 1024 * 1024
    return new CastdeskError('tool_failed', `${label} printed more than ${max} bytes.`)
  }
  const stderr = reply.stderr ?? ''
  const failed = exitFailure(label, reply.exitCode ?? null, reply.signal ?? null, stderr)
  return failed ?? { stdout: reply.stdout ?? '', stderr }
}

/** Two workers: one spawn waiting on a busy machine does not hold up the next. */
const WORKERS = 2

class SpawnPool {
  private workers: SpawnWorker[] = []
  private unavailable = false

  pick(): SpawnWorker | null {
    if (this.unavailable) return null
    this.workers = this.workers.filter((worker) => worker.usable)
    const idle = this.workers.find((worker) => worker.load === 0)
    if (idle) return idle
    if (this.workers.length < WORKERS) {
      try {
        const worker = new SpawnWorker(new Worker(WORKER_SOURCE, { eval: true, env: SHARE_ENV }))
        this.workers.push(worker)
        return worker
      } catch {
        this.unavailable = true
        return null
      }
    }
    return this.workers.reduce((least, worker) => (worker.load < least.load ? worker : least))
  }
}

const pool = new SpawnPool()
