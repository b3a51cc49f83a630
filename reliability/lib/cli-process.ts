import { spawn, spawnSync } from 'node:child_process'
import { CLI } from '../../test/helpers/run-cli'

export interface CliRun {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  ms: number
  killed: boolean
}

/**
 * Runs the real `castdesk` in a child process of its own process group. With `killAfterMs`, the
 * CLI is SIGKILLed after that delay, together with what it started (ffmpeg), as a crash or the
 * OOM killer would end the app; the promise resolves once it is gone.
 */
export function runCliProcess(
  args: string[],
  options: { env?: Record<string, string>; killAfterMs?: number; timeoutMs?: number } = {},
): Promise<CliRun> {
  const started = performance.now()
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  let killed = false
  const killGroup = () => {
    killed = true
    try {
      process.kill(-(child.pid as number), 'SIGKILL')
    } catch {
      // already gone
    }
  }
  const timers: NodeJS.Timeout[] = []
  if (options.killAfterMs !== undefined) timers.push(setTimeout(killGroup, options.killAfterMs))
  timers.push(setTimeout(killGroup, options.timeoutMs ?? 300_000))
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      for (const timer of timers) clearTimeout(timer)
      // Whatever the CLI started dies with it (it may outlive the CLI by a moment otherwise).
      if (killed) killGroup()
      resolve({ code, signal, stdout, stderr, ms: performance.now() - started, killed: signal === 'SIGKILL' })
    })
  })
}

/** Runs the CLI to the end (blocking), throwing with its output unless it exits 0. */
export function cliOk(args: string[], env: Record<string, string> = {}): string {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 256 * 1024 * 1024,
  })
  if (result.status !== 0) {
    throw new Error(`castdesk ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`)
  }
  return result.stdout
}

export function cliJsonOk<T>(args: string[], env: Record<string, string> = {}): T {
  return JSON.parse(cliOk(['--json', ...args], env)) as T
}
