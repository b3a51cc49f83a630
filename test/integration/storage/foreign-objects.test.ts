import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshDirs } from '../../helpers/fresh-dirs'
import { FaultProxy } from './support/fault-proxy'
import { openLibrary, s3Storage } from './support/library-fixture'
import { credentialsEnv, writeRandom } from './support/s3-fixtures'
import { type S3TestServer, startS3Server } from './support/s3-server'

const dirs = freshDirs('castdesk-foreign-')
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex')

/** Buckets that other tools filled (django-cast, rclone): objects without Castdesk's sha256 metadata. */
describe('objects Castdesk did not write', () => {
  let s3: S3TestServer
  let proxy: FaultProxy

  beforeAll(async () => {
    s3 = await startS3Server([])
    proxy = await new FaultProxy(s3.port).start()
  })
  afterAll(async () => {
    await proxy.stop()
    await s3.stop()
  })

  async function library(bucket: string) {
    await s3.createBucket(bucket)
    const dir = dirs.make()
    const lib = await openLibrary(
      dir,
      {
        storages: {
          default: { type: 'local', location: 'media' },
          production: s3Storage(proxy.endpoint, bucket),
          backup: { type: 'local', location: 'backup' },
        },
      },
      credentialsEnv('production'),
    )
    dirs.cleanup(lib.close)
    return { ...lib, dir }
  }

  it('backs them up byte for byte, downloading each once, and then knows them', async () => {
    const { call, context, dir } = await library('django')
    const objects = {
      'cast_audio/old-episode.mp3': 'episode bytes',
      'original_images/cover.jpg': 'jpeg bytes',
    }
    for (const [key, body] of Object.entries(objects)) await s3.put('django', key, body)
    proxy.clear()
    const report = await call('maintenance.backup', {}, context)
    expect(report).toMatchObject({ copied: 2, failures: [] })
    // Each object once, and the storage marker, which every backup checks first.
    expect(proxy.count('GetObject')).toBe(3)
    for (const [key, body] of Object.entries(objects)) {
      expect(sha256(readFileSync(join(dir, 'backup', key)))).toBe(sha256(body))
    }
    proxy.clear()
    const again = await call('maintenance.backup', {}, context)
    expect(again).toMatchObject({ copied: 0, plan: { same: 2 } })
    expect(proxy.seen.map((r) => r.call)).toEqual(['GetObject', 'ListObjectsV2'])
  })

  it('does not upload again what is already there with the same content (compared by ETag)', async () => {
    const { call, context, dir } = await library('rclone')
    const data = writeRandom(join(dir, 'media', 'cast_audio', 'ep.mp3'), 5000)
    await s3.put('rclone', 'cast_audio/ep.mp3', data)
    writeRandom(join(dir, 'media', 'cast_audio', 'ep2.mp3'), 5000)
    await s3.put('rclone', 'cast_audio/ep2.mp3', 'other content')
    const report = await call('storage.sync', { verify: true }, context)
    expect(report).toMatchObject({ copied: 1, plan: { same: 1, change: 1 } })
    expect(await s3.metadata('rclone', 'cast_audio/ep2.mp3')).toHaveProperty('sha256')
  })
})
