import { CastdeskError } from '../../../shared/errors'
import { childProcess } from '../../platform/builtins'

export interface ToolRun {
  stdout: string
  stderr: string
}

export interface RunOptions {
  timeoutMs: number
  /** Largest stdout kept, in bytes; a tool that prints more is stopped. */
  maxOutputBytes?: number
}

/** Runs a binary with an argument list (never a shell), a timeout, and a cap on its output. */
export function runTool(path: string, args: readonly string[], options: RunOptions): Promise<ToolRun> {
  const maxOutput = options.maxOutputBytes ?? 64 * 1024 * 1024
  const label = toolLabel(path)
  return new Promise((resolvePromise, reject) => {
    const child = childProcess().spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true })
    const stdout: Buffer[] = []
    const stderr: Buffer[] = []
    let stdoutBytes = 0
    let failure: CastdeskError | null = null
    const timer = setTimeout(() => {
      failure = new CastdeskError(
        'tool_timeout',
        `${label} did not finish within ${options.timeoutMs / 1000} s.`,
      )
      child.kill('SIGKILL')
    }, options.timeoutMs)
    child.stdout.on('data', (chunk: Buffer) => {
      stdoutBytes += chunk.length
      if (stdoutBytes > maxOutput) {
        failure = new CastdeskError('tool_failed', `${label} printed more than ${maxOutput} bytes.`)
        child.kill('SIGKILL')
        return
      }
      stdout.push(chunk)
    })
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 256) stderr.push(chunk)
    })
    child.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer)
      reject(spawnFailure(path, error))
    })
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer)
      if (failure) return reject(failure)
      const result = {
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      }
      const failed = exitFailure(label, exitCode, signal, result.stderr)
      if (failed) reject(failed)
      else resolvePromise(result)
    })
  })
}

/** The tool's name for messages: the last part of its path. */
export function toolLabel(path: string): string {
  return path.split(/[\\/]/).at(-1) ?? path
}

/** Why a tool that could not be started failed. */
export function spawnFailure(path: string, error: { code?: string; message: string }): CastdeskError {
  const code = error.code === 'ENOENT' || error.code === 'EACCES' ? 'tool_missing' : 'tool_failed'
  return new CastdeskError(code, `Could not run ${path}: ${error.message}`, { cause: error })
}

/** Why a tool that ran failed (its last line of stderr), or null when it exited with 0. */
export function exitFailure(
  label: string,
  exitCode: number | null,
  signal: NodeJS.Signals | null,
  stderr: string,
): CastdeskError | null {
  if (exitCode === 0) return null
  if (/No space left on device|Disk quota exceeded/i.test(stderr))
    return new CastdeskError(
      'disk_full',
      `${label} failed: the disk is full. Free up space on it, then try again.`,
    )
  const why = stderr.trim().split('\n').at(-1) || `exit ${exitCode ?? signal}`
  return new CastdeskError('tool_failed', `${label} failed: ${why}`)
}
