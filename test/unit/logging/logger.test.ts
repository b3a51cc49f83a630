import { existsSync, readFileSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readLogEntries } from '../../../src/main/logging/log-reader'
import { Logger, logLevelFromEnv } from '../../../src/main/logging/logger'
import { redact, secretValuesFromEnv } from '../../../src/main/logging/redact'
import { toErrorBody } from '../../../src/shared/errors'
import { tempDir } from '../../helpers/temp-dir'

describe('the library log', () => {
  const root = tempDir()

  it('writes one JSON line per event and rotates by size, keeping a fixed number of files', () => {
    const dir = join(root, 'rotating')
    const log = new Logger(dir, { maxBytes: 400, keep: 2 })
    for (let i = 0; i < 40; i++) log.info('import.file', { path: `/episodes/${i}.mp3`, status: 'imported' })
    expect(existsSync(join(dir, 'castdesk.log.1'))).toBe(true)
    expect(existsSync(join(dir, 'castdesk.log.2'))).toBe(true)
    expect(existsSync(join(dir, 'castdesk.log.3'))).toBe(false)
    const last = readLogEntries(dir, 'info', 1)[0]
    expect(last).toMatchObject({ level: 'info', event: 'import.file', path: '/episodes/39.mp3' })
  })

  it('filters by level', () => {
    const dir = join(root, 'levels')
    const log = new Logger(dir)
    log.debug('call', { operation: 'media.list' })
    log.warn('import.file', { code: 'corrupt_media' })
    log.error('job.failed', { code: 'tool_failed' })
    expect(readLogEntries(dir, 'warn').map((e) => e.event)).toEqual(['import.file', 'job.failed'])
    expect(readLogEntries(dir, 'debug')).toHaveLength(3)
  })

  it('writes from its level up; a library writes calls (debug) only when CASTDESK_LOG_LEVEL asks', () => {
    const dir = join(root, 'floor')
    const log = new Logger(dir, { level: logLevelFromEnv({}) })
    log.debug('call', { operation: 'media.list' })
    log.info('import.file', { status: 'imported' })
    expect(readLogEntries(dir, 'debug').map((e) => e.event)).toEqual(['import.file'])
    expect(logLevelFromEnv({ CASTDESK_LOG_LEVEL: 'DEBUG' })).toBe('debug')
    expect(logLevelFromEnv({ CASTDESK_LOG_LEVEL: 'loud' })).toBe('info')
  })

  it('keeps writing after its folder is removed, and rotates by the size it counted', () => {
    const dir = join(root, 'removed')
    const log = new Logger(dir, { maxBytes: 300, keep: 1 })
    log.info('first')
    rmSync(dir, { recursive: true })
    log.info('second')
    expect(readLogEntries(dir, 'info').map((e) => e.event)).toEqual(['second'])
    for (let i = 0; i < 10; i++) log.info('filler', { i })
    expect(existsSync(join(dir, 'castdesk.log.1'))).toBe(true)
    expect(statSync(join(dir, 'castdesk.log')).size).toBeLessThan(400)
  })

  it('never writes secrets: masked keys, known secret values and bearer tokens', () => {
    const dir = join(root, 'secrets')
    const secrets = secretValuesFromEnv({
      CASTDESK_S3_PRODUCTION_SECRET_ACCESS_KEY: 'abc123secretXYZ',
      HOME: '/home/me',
    })
    expect(secrets).toEqual(['abc123secretXYZ'])
    new Logger(dir, { secrets }).error('sync.failed', {
      message: 'signature mismatch for abc123secretXYZ',
      headers: { Authorization: 'AWS4 abc' },
      detail: 'Bearer tok_9f8e7d6c',
      secretAccessKey: 'other',
    })
    const text = readFileSync(join(dir, 'castdesk.log'), 'utf8')
    for (const secret of ['abc123secretXYZ', 'AWS4 abc', 'tok_9f8e7d6c', 'other'])
      expect(text).not.toContain(secret)
    expect(redact({ nested: [{ token: 'x' }] }, [])).toEqual({ nested: [{ token: '[redacted]' }] })
  })
})

describe('errors from the operating system', () => {
  it('name the fix for a full disk and a denied permission', () => {
    expect(
      toErrorBody(Object.assign(new Error('write failed'), { code: 'ENOSPC', path: '/media/x' })),
    ).toEqual({
      code: 'disk_full',
      message: 'The disk is full (/media/x). Free up space on it, then try again.',
    })
    expect(toErrorBody(Object.assign(new Error('open'), { code: 'EACCES', path: '/x' })).code).toBe(
      'unreadable_file',
    )
  })
})
