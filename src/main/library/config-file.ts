import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { z } from 'zod'
import { type CastdeskConfig, configSchema, defaultConfig } from '../../shared/config-schema'
import { CastdeskError } from '../../shared/errors'

export const CONFIG_FILE_NAME = 'castdesk.config.json'

/** Reads and validates the library's config; a missing file means all defaults. */
export function readConfig(libraryDir: string): CastdeskConfig {
  const path = join(libraryDir, CONFIG_FILE_NAME)
  if (!existsSync(path)) return defaultConfig()
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'))
  } catch (error) {
    throw new CastdeskError(
      'invalid_config',
      `${path} is not valid JSON (${(error as Error).message}). Fix the file or delete it to get the defaults back.`,
    )
  }
  const parsed = configSchema.safeParse(raw)
  if (!parsed.success) {
    throw new CastdeskError('invalid_config', `${path}: ${describeIssues(parsed.error.issues)}`)
  }
  return parsed.data
}

export function writeDefaultConfigIfMissing(libraryDir: string): void {
  const path = join(libraryDir, CONFIG_FILE_NAME)
  if (existsSync(path)) return
  writeFileSync(path, `${JSON.stringify(defaultConfig(), null, 2)}\n`, { flag: 'wx' })
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const where = issue.path.length ? formatPath(issue.path) : '(top level)'
      return `${where}: ${issue.message}`
    })
    .join('; ')
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${String(part)}`))
    .join('')
}
