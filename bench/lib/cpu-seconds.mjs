import { readFileSync } from 'node:fs'

/**
 * CPU seconds (user + system) this process and its waited-for children (ffprobe, …) have used.
 * Less sensitive than wall time to other load on a shared machine. Linux reads /proc/self/stat
 * (fields 14–17, in clock ticks of 1/100 s); elsewhere only this process counts.
 */
export function cpuSecondsWithChildren() {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // After the command name: state is field 3, so utime…cstime (14–17) are at 11–14 here.
    return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / 100
  } catch {
    const { user, system } = process.cpuUsage()
    return (user + system) / 1e6
  }
}
