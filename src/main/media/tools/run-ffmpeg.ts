import type { ChildProcess } from 'node:child_process'
import type { Writable } from 'node:stream'
import { CastdeskError } from '../../../shared/errors'
import { childProcess } from '../../platform/builtins'

export interface FfmpegRunOptions {
  timeoutMs: number
  /** The input's duration, to turn ffmpeg's `-progress` times into a fraction. */
  durationMs?: number | null
  onProgress?: (fraction: number) => void
  /** Stops ffmpeg (SIGKILL); the run then fails with `cancelled`. */
  signal?: AbortSignal
  /** Reads its input from stdin (`-i pipe:0`), which the caller feeds through `onSpawn`. */
  stdin?: boolean
  /** Pipes ffmpeg writes to as `pipe:3`, `pipe:4`, … (other processes' stdin, passed on as is). */
  outputPipes?: readonly Writable[]
  onSpawn?: (child: ChildProcess) => void
}

const STDERR_TAIL_BYTES = 256 * 1024

/**
 * Runs ffmpeg with `-progress pipe:1` (never a shell), reporting the fraction of the input processed,
 * and returns the tail of its log (filters such as ebur128 print their results there). Output
 * memory is bounded however long the input is.
 */
export function runFfmpeg(path: string, args: readonly string[], options: FfmpegRunOptions): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    if (options.signal?.aborted) return reject(cancelled())
    const child = childProcess().spawn(
      path,
      ['-nostdin', '-hide_banner', '-nostats', '-progress', 'pipe:1', ...args],
      {
        stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe', ...(options.outputPipes ?? [])],
        windowsHide: true,
      },
    )
    options.onSpawn?.(child)
    let stderr = ''
    let pending = ''
    let failure: CastdeskError | null = null
    const stop = (error: CastdeskError) => {
      failure ??= error
      child.kill('SIGKILL')
    }
    const timer = setTimeout(
      () =>
        stop(
          new CastdeskError('tool_timeout', `ffmpeg did not finish within ${options.timeoutMs / 1000} s.`),
        ),
      options.timeoutMs,
    )
    const onAbort = () => stop(cancelled())
    options.signal?.addEventListener('abort', onAbort, { once: true })
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (chunk: string) => {
      pending += chunk
      const lines = pending.split('\n')
      pending = lines.pop() ?? ''
      for (const line of lines) {
        const match = /^out_time_ms=(\d+)/.exec(line)
        if (match && options.durationMs && options.onProgress) {
          options.onProgress(Math.min(1, Number(match[1]) / 1000 / options.durationMs))
        }
      }
    })
    child.stderr?.setEncoding('utf8')
    child.stderr?.on('data', (chunk: string) => {
      stderr += chunk
      if (stderr.length > STDERR_TAIL_BYTES * 2) stderr = stderr.slice(-STDERR_TAIL_BYTES)
    })
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      const code = error.code === 'ENOENT' || error.code === 'EACCES' ? 'tool_missing' : 'tool_failed'
      reject(new CastdeskError(code, `Could not run ${path}: ${error.message}`, { cause: error }))
    })
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      if (failure) return reject(failure)
      if (exitCode === 0) return resolvePromise(stderr)
      const why =
        stderr
          .trim()
          .split('\n')
          .filter((line) => !/^\s*$/.test(line))
          .at(-1) || `exit ${exitCode ?? signal}`
      reject(new CastdeskError('tool_failed', `ffmpeg failed: ${why}`))
    })
  })
}

function cancelled(): CastdeskError {
  return new CastdeskError('cancelled', 'Stopped on request; nothing was changed.')
}
