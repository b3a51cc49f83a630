import { spawnSync } from 'node:child_process'

/** The id of a process that has run, exited and been reaped: nobody is using that pid now. */
export function deadPid(): number {
  const result = spawnSync(process.execPath, ['-e', ''])
  if (result.pid === undefined || result.status !== 0) {
    throw new Error(`could not run a short-lived node process: ${result.error ?? result.stderr}`)
  }
  return result.pid
}
