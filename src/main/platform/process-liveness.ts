import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'

/** Whether a process with this id is running (on this machine). */
export function isProcessAlive(pid: number): boolean {
  if (pid === process.pid) return true
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Removes entries named `<pid>` or `<pid>-…` whose process is gone: partial writes of a crash. */
export async function removeDeadProcessEntries(
  dir: string,
  isAlive: (pid: number) => boolean,
): Promise<number> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return 0
  }
  let removed = 0
  for (const name of names) {
    const pid = Number(/^(\d+)(?:-|$)/.exec(name)?.[1])
    if (!Number.isInteger(pid) || isAlive(pid)) continue
    await rm(join(dir, name), { recursive: true, force: true })
    removed++
  }
  return removed
}
