import { readFileSync } from 'node:fs'

/**
 * This process's peak resident set size in KiB. On Linux, getrusage's maxRSS (what
 * process.resourceUsage() reports) carries over the parent's peak at fork time through exec, so a
 * child spawned by a large parent reports the parent's size; /proc/self/status VmHWM is the peak of
 * this program's own address space. Elsewhere maxRSS is used.
 */
export function ownPeakRssKb() {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (match) return Number(match[1])
  } catch {}
  return process.resourceUsage().maxRSS
}
