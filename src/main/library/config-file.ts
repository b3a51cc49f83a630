import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { open, rename, rm } from 'node:fs/promises'
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
  // Without zod's JIT: it would compile a parser for every object schema (~10 ms) to read one file.
  const parsed = configSchema.safeParse(raw, { jitless: true })
  if (!parsed.success) {
    throw new CastdeskError('invalid_config', `${path}: ${describeIssues(parsed.error.issues)}`)
  }
  return parsed.data
}

/** SHA-256 of the config file's bytes; "" while there is none. Tells an edit made meanwhile. */
export function configRevision(libraryDir: string): string {
  const path = join(libraryDir, CONFIG_FILE_NAME)
  if (!existsSync(path)) return ''
  return createHash('sha256').update(readFileSync(path)).digest('hex')
}

/**
 * Writes a validated config atomically: a temp file beside it, flushed, renamed over the old one,
 * so a crash leaves either the old file or the new one, never half of either.
 */
export async function writeConfig(libraryDir: string, config: CastdeskConfig): Promise<void> {
  await writeRawConfig(join(libraryDir, CONFIG_FILE_NAME), configSchema.parse(config))
}

async function writeRawConfig(path: string, value: unknown): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`
  try {
    const handle = await open(temp, 'w')
    try {
      await handle.writeFile(`${JSON.stringify(value, null, 2)}\n`)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** The `libraryId` the config file names, if any. */
export function readConfigLibraryId(libraryDir: string): string | undefined {
  return readConfig(libraryDir).libraryId
}

/**
 * Adds `libraryId` to the config file as it is on disk (the user's keys and layout kept, no defaults
 * filled in), atomically like writeConfig.
 */
export async function writeConfigLibraryId(libraryDir: string, id: string): Promise<void> {
  const path = join(libraryDir, CONFIG_FILE_NAME)
  const raw: Record<string, unknown> = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : {}
  const others = Object.entries(raw).filter(([key]) => key !== 'libraryId')
  await writeRawConfig(path, { libraryId: id, ...Object.fromEntries(others) })
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
