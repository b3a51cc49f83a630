import type { ChildProcess } from 'node:child_process'
import { CastdeskError } from '../../../shared/errors'
import { childProcess, workerThreads } from '../../platform/builtins'
import { exitFailure, type RunOptions, runTool, spawnFailure, type ToolRun, toolLabel } from './run-tool'
import { TOOL_RUNNER_SOURCE } from './tool-runner-source'

/**
 * `runTool` with the spawn done elsewhere. Node's spawn forks this whole process and waits until
 * the child has exec'd: ≈10 ms a call, far more on a busy machine and the larger the process, and
 * while the kernel copies the page tables every thread of the process that touches memory stalls.
 * Run from the engine, an import of 1,000 files stood still for seconds between its copies and
 * commits. So a small helper Node process starts the tools (a worker thread where no helper can
 * be run, as in Electron); it only starts the child and collects what it prints, and the errors are
 * made here, as `runTool` makes them. Until the helper is up (≈50 ms) and where neither can start,
 * `runTool` runs in this thread.
 */
export function runToolOffThread(
  path: string,
  args: readonly string[],
  options: RunOptions,
): Promise<ToolRun> {
  const runner = pool.pick()
  if (!runner) return runTool(path, args, options)
  return runner.run(path, args, options)
}

/**
 * Starts the helpers now (a batch about to probe many files) and settles once one can take runs
 * or none can start; runs before that stay in this thread.
 */
export function prepareToolRunners(): Promise<void> {
  return pool.prepare()
}

/**
 * Stops the helpers (the next run starts new ones) and settles when they have exited, so their
 * CPU time and their tools' is counted in this process's (benchmarks).
 */
export function stopToolRunners(): Promise<void> {
  return pool.stop()
}

interface Reply {
  id?: number
  ready?: boolean
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

/** A helper process or a worker thread running TOOL_RUNNER_SOURCE. */
interface Transport {
  send(message: unknown): void
  /** Whether it keeps this process running (only while a run is waiting). */
  hold(held: boolean): void
  /** Ends it; settles once it has exited. */
  stop(): Promise<void>
}

/** One helper and the runs it has started. */
class ToolRunner {
  private readonly waiting = new Map<number, Waiting>()
  private nextId = 1
  private broken = false
  private ready = false
  private stopping = false
  private idleTimer: NodeJS.Timeout | null = null
  private readonly transport: Transport
  private announce: () => void = () => undefined
  /** Settles when the runner listens, or has stopped. */
  readonly started = new Promise<void>((resolve) => {
    this.announce = resolve
  })

  constructor(connect: (events: RunnerEvents) => Transport) {
    this.transport = connect({
      message: (reply) => {
        if (!reply.ready) return this.settle(reply)
        this.ready = true
        this.announce()
      },
      failed: (error) => this.fail(error),
    })
    this.transport.hold(false)
  }

  get usable(): boolean {
    return this.ready && !this.broken
  }

  get dead(): boolean {
    return this.broken
  }

  /** Stopped on its own, not asked to (a crash, or no helper can run here). */
  get crashed(): boolean {
    return this.broken && !this.stopping
  }

  get load(): number {
    return this.waiting.size
  }

  stop(): Promise<void> {
    this.stopping = true
    this.broken = true
    if (this.idleTimer) clearTimeout(this.idleTimer)
    return this.transport.stop()
  }

  run(path: string, args: readonly string[], options: RunOptions): Promise<ToolRun> {
    const id = this.nextId++
    return new Promise<ToolRun>((resolve, reject) => {
      this.waiting.set(id, { path, options, resolve, reject })
      if (this.idleTimer) clearTimeout(this.idleTimer)
      this.idleTimer = null
      if (this.waiting.size === 1) this.transport.hold(true)
      this.transport.send({
        id,
        path,
        args: [...args],
        timeoutMs: options.timeoutMs,
        maxOutput: options.maxOutputBytes ?? 64 * 1024 * 1024,
      })
    })
  }

  private settle(reply: Reply): void {
    const run = reply.id === undefined ? undefined : this.waiting.get(reply.id)
    if (!run || reply.id === undefined) return
    this.waiting.delete(reply.id)
    if (this.waiting.size === 0) {
      this.transport.hold(false)
      // A long-running process (castdesk serve, the app) does not keep idle helpers around.
      this.idleTimer = setTimeout(() => void this.stop(), IDLE_MS)
      this.idleTimer.unref()
    }
    const outcome = toolOutcome(run, reply)
    if (outcome instanceof CastdeskError) run.reject(outcome)
    else run.resolve(outcome)
  }

  private fail(error: unknown): void {
    this.announce()
    if (this.broken) return
    this.broken = true
    const runs = [...this.waiting.values()]
    this.waiting.clear()
    for (const run of runs) run.reject(error)
  }
}

interface RunnerEvents {
  message(reply: Reply): void
  failed(error: unknown): void
}

function stopped(code: number | null): CastdeskError {
  return new CastdeskError('tool_failed', `The helper that runs ffmpeg and ffprobe stopped (exit ${code}).`)
}

/** A helper Node process with an IPC channel; it exits when this process goes away. */
function helperProcess(events: RunnerEvents): Transport {
  const child: ChildProcess = childProcess().spawn(process.execPath, ['-e', TOOL_RUNNER_SOURCE], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    windowsHide: true,
  })
  child.on('message', (reply: Reply) => events.message(reply))
  child.on('error', (error) => events.failed(error))
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()))
  child.on('exit', (code) => events.failed(stopped(code)))
  return {
    send: (message) => child.send(message as object),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        // Held until it has exited: an unreferenced child would let this process end first.
        child.ref()
        child.disconnect()
        await exited
      }
    },
    hold: (held) => {
      if (held) {
        child.ref()
        child.channel?.ref()
      } else {
        child.unref()
        child.channel?.unref()
      }
    },
  }
}

/** A worker thread (its spawns still fork this process, but no longer wait here for the exec). */
function workerThread(events: RunnerEvents): Transport {
  const threads = workerThreads()
  const worker = new threads.Worker(TOOL_RUNNER_SOURCE, { eval: true, env: threads.SHARE_ENV })
  worker.on('message', (reply: Reply) => events.message(reply))
  worker.on('error', (error) => events.failed(error))
  worker.on('exit', (code) => events.failed(stopped(code)))
  return {
    send: (message) => worker.postMessage(message),
    stop: async () => {
      worker.ref()
      await worker.terminate()
    },
    hold: (held) => (held ? worker.ref() : worker.unref()),
  }
}

/** What `runTool` would have resolved or rejected with, from the runner's reply. */
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

/** A helper with nothing to do for this long ends; the next run starts one again. */
const IDLE_MS = 30_000

/** Two runners: one spawn waiting on a busy machine does not hold up the next. */
const RUNNERS = 2
/** Runners that stopped before this many are not started again: runs stay in this thread. */
const MAX_FAILED_RUNNERS = 3

class RunnerPool {
  private runners: ToolRunner[] = []
  private failed = 0

  async stop(): Promise<void> {
    const runners = this.runners
    this.runners = []
    await Promise.all(runners.map((runner) => runner.stop()))
  }

  async prepare(): Promise<void> {
    this.pick()
    if (this.runners.length > 0) await Promise.race(this.runners.map((runner) => runner.started))
  }

  pick(): ToolRunner | null {
    this.failed += this.runners.filter((runner) => runner.crashed).length
    this.runners = this.runners.filter((runner) => !runner.dead)
    const usable = this.runners.filter((runner) => runner.usable)
    const idle = usable.find((runner) => runner.load === 0)
    if (idle) return idle
    if (this.runners.length < RUNNERS && this.failed < MAX_FAILED_RUNNERS) this.start()
    if (usable.length === 0) return null
    return usable.reduce((least, runner) => (runner.load < least.load ? runner : least))
  }

  private start(): void {
    try {
      // Electron's binary is not Node unless told so (and a packaged app may refuse that).
      this.runners.push(new ToolRunner(process.versions.electron ? workerThread : helperProcess))
    } catch {
      this.failed++
    }
  }
}

const pool = new RunnerPool()
