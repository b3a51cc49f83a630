import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runDoctor } from '../../../src/main/doctor/doctor'
import { tempDir } from '../../helpers/temp-dir'
import { type OpenLibrary, openLibrary, s3Storage } from './support/library-fixture'
import { credentialsEnv } from './support/s3-fixtures'
import { type S3TestServer, startS3Server } from './support/s3-server'

/** An S3 storage whose bucket does not exist is missing, like an unplugged disk; nothing is made. */
describe('an S3 storage whose bucket does not exist', () => {
  const root = tempDir('castdesk-no-bucket-')
  let s3: S3TestServer
  let lib: OpenLibrary
  let dir: string
  const env = credentialsEnv('production')

  beforeAll(async () => {
    s3 = await startS3Server(['prod'])
    dir = join(root, 'library')
    lib = await openLibrary(
      dir,
      {
        storages: {
          default: { type: 'local', location: 'media' },
          production: s3Storage(s3.endpoint, 'no-such-bucket', { prefix: 'show' }),
        },
      },
      env,
      { initStorages: false },
    )
    await lib.library.storages.identity.init('default')
  })
  afterAll(async () => {
    lib.close()
    await s3.stop()
  })

  const expectBucketMissing = (body: { code: string | null; message: string | null }) => {
    expect(body.code).toBe('storage_missing')
    expect(body.message).toContain('"no-such-bucket"')
    expect(body.message).toContain(s3.endpoint)
    expect(body.message).toContain('Create the bucket or fix `bucket`/`endpoint`')
  }

  it('the identity check, status, sync and storages init refuse it with storage_missing', async () => {
    await expect(lib.library.storages.identity.require(['production'])).rejects.toMatchObject({
      code: 'storage_missing',
    })
    const status = await lib.call('storage.status', { census: false }, lib.context)
    const production = status.find((s) => s.name === 'production')
    expect(production?.state).toBe('missing')
    expectBucketMissing({ code: production?.code ?? null, message: production?.message ?? null })
    await expect(lib.call('storage.sync', {}, lib.context)).rejects.toMatchObject({ code: 'storage_missing' })
    await expect(lib.library.storages.identity.init('production')).rejects.toMatchObject({
      code: 'storage_missing',
    })
    // Nothing was created on the server: no bucket, and the existing bucket untouched.
    expect(await s3.allKeys('prod')).toEqual([])
    await expect(s3.allKeys('no-such-bucket')).rejects.toThrow()
  })

  it('doctor reports it as storage_missing, not as unreachable or not found', async () => {
    lib.close()
    const report = await runDoctor(dir, { ...process.env, ...env })
    const finding = report.checks.find((check) => check.id === 'storage.production')
    expect(finding?.status).toBe('error')
    expectBucketMissing({ code: String(finding?.details?.code), message: finding?.message ?? null })
    expect(report.ok).toBe(false)
  })
})
