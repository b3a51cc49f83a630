import { execFile, spawnSync } from 'node:child_process'
import { join } from 'node:path'

export const CLI = join(__dirname, '..', '..', 'bin', 'castdesk.js')

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Runs the real `castdesk` command in a child process. */
export function runCli(args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  })
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr }
}

export function runCliJson<T>(
  args: string[],
  env: Record<string, string> = {},
): { code: number; json: T; stderr: string } {
  const result = runCli(['--json', ...args], env)
  try {
    return { code: result.code, json: JSON.parse(result.stdout) as T, stderr: result.stderr }
  } catch {
    throw new Error(
      `castdesk ${args.join(' ')} printed no JSON (exit ${result.code}):\n${result.stdout}\n${result.stderr}`,
    )
  }
}

/** Runs the real `castdesk` command without blocking this process (e.g. a test server in it must answer). */
export function runCliAsync(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [CLI, ...args],
      { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}
