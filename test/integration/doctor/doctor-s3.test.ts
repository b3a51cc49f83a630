import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DoctorCheck } from '../../../src/shared/api/system.api'
import { makeImage } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { cli, cliJson } from '../storage/support/cli-async'
import { s3Storage } from '../storage/support/library-fixture'
import { type S3TestServer, startS3Server } from '../storage/support/s3-server'

interface Report {
  ok: boolean
  checks: DoctorCheck[]
}

describe('castdesk doctor against S3 storages', () => {
  const root = tempDir()
  let s3: S3TestServer
  let library: string
  const secret = 'doctor-s3-secret-Q9w8e7r6'
  const env = (keyId: string) => ({
    CASTDESK_S3_PRODUCTION_ACCESS_KEY_ID: keyId,
    CASTDESK_S3_PRODUCTION_SECRET_ACCESS_KEY: secret,
    CASTDESK_S3_BACKUP_ACCESS_KEY_ID: 'S3RVER',
    CASTDESK_S3_BACKUP_SECRET_ACCESS_KEY: secret,
  })
  const check = (report: Report, id: string) => report.checks.find((c) => c.id === id) as DoctorCheck

  beforeAll(async () => {
    s3 = await startS3Server(['prod'])
    library = join(root, 'library')
    mkdirSync(library, { recursive: true })
    writeFileSync(
      join(library, 'castdesk.config.json'),
      JSON.stringify({
        storages: {
          default: { type: 'local', location: 'media' },
          production: s3Storage(s3.endpoint, 'prod'),
          backup: s3Storage(s3.endpoint, 'no-such-bucket'),
        },
      }),
    )
    expect((await cli(['--library', library, 'init'])).code).toBe(0)
    const setUp = await cli(['--library', library, 'storages', 'init', 'production'], env('S3RVER'))
    expect(setUp.code, setUp.stderr).toBe(0)
  })
  afterAll(async () => {
    await s3.stop()
  })

  it('names the storage and the fix for a wrong access key id', async () => {
    const { code, json } = await cliJson<Report>(['--library', library, 'doctor'], env('WRONG-KEY'))
    expect(code).toBe(1)
    const production = check(json, 'storage.production')
    expect(production.status).toBe('error')
    expect(production.message).toMatch(/production/)
    expect(production.message).toMatch(/CASTDESK_S3_PRODUCTION_ACCESS_KEY_ID/)
    expect(check(json, 'storage.default').status).toBe('ok')
  })

  it('says the bucket does not exist, naming it', async () => {
    const { json } = await cliJson<Report>(['--library', library, 'doctor'], env('S3RVER'))
    expect(check(json, 'storage.production').status).toBe('ok')
    const backup = check(json, 'storage.backup')
    expect(backup.status).toBe('error')
    expect(backup.message).toMatch(/no-such-bucket/)
    expect(backup.message).toMatch(/backup/)
  })

  it('keeps the secret out of the log after a sync with credentials', async () => {
    const folder = join(root, 'photos')
    mkdirSync(folder, { recursive: true })
    await makeImage(join(folder, 'a.png'), 'png', { seed: 31 })
    expect((await cli(['--library', library, 'import', folder], env('S3RVER'))).code).toBe(0)
    const sync = await cli(['--library', library, 'sync', '--to', 'production'], env('S3RVER'))
    expect(sync.code, sync.stderr).toBe(0)
    await cli(['--library', library, 'sync', '--to', 'production'], env('WRONG-KEY'))
    const log = readFileSync(join(library, 'logs', 'castdesk.log'), 'utf8')
    expect(log).toContain('storage.sync')
    expect(log).not.toContain(secret)
  })
})
