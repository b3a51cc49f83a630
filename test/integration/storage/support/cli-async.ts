import { type ChildProcess, spawn } from 'node:child_process'
import { CLI } from '../../../helpers/run-cli'

export interface AsyncCliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

/**
 * Runs the real `castdesk` in a child process without blocking this one: the S3 test server and
 * the fault proxy live in the test process and must keep answering while the CLI runs.
 */
export function startCli(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<AsyncCliResult> } {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString()
  })
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString()
  })
  const done = new Promise<AsyncCliResult>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }))
  })
  return { child, done }
}

export function cli(args: string[], env: Record<string, string> = {}): Promise<AsyncCliResult> {
  return startCli(args, env).done
}

export async function cliJson<T>(
  args: string[],
  env: Record<string, string> = {},
): Promise<AsyncCliResult & { json: T }> {
  const result = await cli(['--json', ...args], env)
  try {
    return { ...result, json: JSON.parse(result.stdout) as T }
  } catch {
    throw new Error(
      `castdesk ${args.join(' ')} printed no JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
    )
  }
}
