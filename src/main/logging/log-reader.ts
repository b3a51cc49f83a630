import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { LOG_FILE, LOG_LEVELS, type LogEntry, type LogLevel } from './logger'

export function atLeast(level: LogLevel): (entry: LogEntry) => boolean {
  const floor = LOG_LEVELS.indexOf(level)
  return (entry) => LOG_LEVELS.indexOf(entry.level) >= floor
}

/** The newest `limit` entries at or above `level`, oldest first (the rotated file is read too). */
export function readLogEntries(dir: string, level: LogLevel = 'info', limit = 200): LogEntry[] {
  const files = [`${LOG_FILE}.1`, LOG_FILE].map((name) => join(dir, name)).filter((path) => existsSync(path))
  const entries = files.flatMap((path) => parseLines(readFileSync(path, 'utf8')))
  return entries.filter(atLeast(level)).slice(-limit)
}

/** Calls `onEntry` for every entry appended from now on, until the returned stop function is called. */
export function followLog(
  dir: string,
  level: LogLevel,
  onEntry: (entry: LogEntry) => void,
  pollMs = 500,
): () => void {
  const path = join(dir, LOG_FILE)
  const keep = atLeast(level)
  let offset = existsSync(path) ? statSync(path).size : 0
  let partial = ''
  const timer = setInterval(() => {
    if (!existsSync(path)) return
    const size = statSync(path).size
    if (size < offset) offset = 0
    if (size === offset) return
    const fd = openSync(path, 'r')
    try {
      const buffer = Buffer.alloc(size - offset)
      readSync(fd, buffer, 0, buffer.length, offset)
      offset = size
      const text = partial + buffer.toString('utf8')
      const cut = text.lastIndexOf('\n')
      partial = text.slice(cut + 1)
      for (const entry of parseLines(text.slice(0, cut + 1))) if (keep(entry)) onEntry(entry)
    } finally {
      closeSync(fd)
    }
  }, pollMs)
  return () => clearInterval(timer)
}

function parseLines(text: string): LogEntry[] {
  const entries: LogEntry[] = []
  for (const line of text.split('\n')) {
    if (!line.trim()) continue
    try {
      entries.push(JSON.parse(line) as LogEntry)
    } catch {
      // A line cut by a crash is skipped, not fatal.
    }
  }
  return entries
}

export function formatEntry(entry: LogEntry): string {
  const { time, level, event, ...fields } = entry
  const rest = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ')
  return `${time} ${level.toUpperCase().padEnd(5)} ${event}${rest ? ` ${rest}` : ''}`
}
