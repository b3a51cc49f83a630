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

  constructor(
    readonly dir: string,
    options: LoggerOptions = {},
  ) {
    this.path = join(dir, LOG_FILE)
    this.maxBytes = options.maxBytes ?? 5 * 1024 * 1024
    this.keep = options.keep ?? 3
    this.secrets = options.secrets ?? []
    this.now = options.now ?? (() => new Date())
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
    const entry = redact({ time: this.now().toISOString(), level, event, ...fields }, this.secrets)
    try {
      mkdirSync(this.dir, { recursive: true })
      this.rotateIfFull()
      appendFileSync(this.path, `${JSON.stringify(entry)}\n`)
    } catch {
      // Logging must never break the work it describes.
    }
  }

  private rotateIfFull(): void {
    if (!existsSync(this.path) || statSync(this.path).size < this.maxBytes) return
    rmSync(`${this.path}.${this.keep}`, { force: true })
    for (let index = this.keep - 1; index >= 1; index--) {
      if (existsSync(`${this.path}.${index}`))
        renameSync(`${this.path}.${index}`, `${this.path}.${index + 1}`)
    }
    renameSync(this.path, `${this.path}.1`)
  }
}
