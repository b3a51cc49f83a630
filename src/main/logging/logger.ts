import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { redact } from './redact'

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

export interface LogEntry {
  time: string
  level: LogLevel
  event: string
  [field: string]: unknown
}

export interface LoggerOptions {
  /** Rotate when the file passes this many bytes (default 5 MiB). */
  maxBytes?: number
  /** Rotated files kept beside the current one (default 3). */
  keep?: number
  /** Values that must never reach the log (e.g. S3 secrets from the environment). */
  secrets?: readonly string[]
  now?: () => Date
  /** The lowest level written (default `debug`: everything). */
  level?: LogLevel
}

/** The level a library writes from: `CASTDESK_LOG_LEVEL`, else `info` (calls are logged at `debug`). */
export function logLevelFromEnv(env: NodeJS.ProcessEnv): LogLevel {
  const wanted = env.CASTDESK_LOG_LEVEL?.trim().toLowerCase()
  return (LOG_LEVELS as readonly string[]).includes(wanted ?? '') ? (wanted as LogLevel) : 'info'
}

export const LOG_FILE = 'castdesk.log'

/**
 * One JSON line per event in `<library>/logs/castdesk.log`, rotated by size (castdesk.log.1 …).
 * Writes are synchronous and small, so a crash loses nothing that was logged.
 */
export class Logger {
  readonly path: string
  private readonly maxBytes: number
  private readonly keep: number
  private readonly secrets: readonly string[]
  private readonly now: () => Date
  private readonly floor: number
  /** The current file's size as this logger knows it (null: not looked at yet). */
  private size: number | null = null

  constructor(
    readonly dir: string,
    options: LoggerOptions = {},
  ) {
    this.path = join(dir, LOG_FILE)
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024
    this.keep = options.keep ?? 3
    this.secrets = options.secrets ?? []
    this.now = options.now ?? (() => new Date())
    this.floor = LOG_LEVELS.indexOf(options.level ?? 'debug')
  }

  debug(event: string, fields: Record<string, unknown> = {}): void {
    this.write('debug', event, fields)
  }

  info(event: string, fields: Record<string, unknown> = {}): void {
    this.write('info', event, fields)
  }

  warn(event: string, fields: Record<string, unknown> = {}): void {
    this.write('warn', event, fields)
  }

  error(event: string, fields: Record<string, unknown> = {}): void {
    this.write('error', event, fields)
  }

  private write(level: LogLevel, event: string, fields: Record<string, unknown>): void {
    if (LOG_LEVELS.indexOf(level) < this.floor) return
    const entry = redact({ time: this.now().toISOString(), level, event, ...fields }, this.secrets)
    const line = `${JSON.stringify(entry)}\n`
    try {
      this.append(line)
    } catch {
      // The folder may have been removed meanwhile: looked at again once; then the entry is dropped,
      // as logging must never break the work it describes.
      this.size = null
      try {
        this.append(line)
      } catch {
        this.size = null
      }
    }
  }

  private append(line: string): void {
    if (this.size === null) {
      mkdirSync(this.dir, { recursive: true })
      this.size = existsSync(this.path) ? statSync(this.path).size : 0
    }
    this.rotateIfFull()
    appendFileSync(this.path, line)
    this.size = (this.size ?? 0) + Buffer.byteLength(line)
  }

  /**
   * Rotates by the size this logger counted; other processes append to the same file, so the file
   * is looked at again (one stat) only when the count says it may be full.
   */
  private rotateIfFull(): void {
    if ((this.size ?? 0) < this.maxBytes) return
    this.size = existsSync(this.path) ? statSync(this.path).size : 0
    if (this.size < this.maxBytes) return
    rmSync(`${this.path}.${this.keep}`, { force: true })
    for (let index = this.keep - 1; index >= 1; index--) {
      if (existsSync(`${this.path}.${index}`))
        renameSync(`${this.path}.${index}`, `${this.path}.${index + 1}`)
    }
    renameSync(this.path, `${this.path}.1`)
    this.size = 0
  }
}
