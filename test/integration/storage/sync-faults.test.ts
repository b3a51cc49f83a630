import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SyncReport } from '../../../src/shared/api/storage.api'
import { freshDirs } from '../../helpers/fresh-dirs'
import { type Fault, FaultProxy, type S3Call } from './support/fault-proxy'
import { openLibrary, s3Storage } from './support/library-fixture'
import { credentialsEnv, writeRandom } from './support/s3-fixtures'
import { type S3TestServer, startS3Server } from './support/s3-server'

const dirs = freshDirs('castdesk-sync-faults-')
const MiB = 1024 * 1024
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')

describe('sync through a faulty network', () => {
  let s3: S3TestServer
  let proxy: FaultProxy

  beforeAll(async () => {
    s3 = await startS3Server(['prod'])
    proxy = await new FaultProxy(s3.port).start()
  })
  afterAll(async () => {
    await proxy.stop()
    await s3.stop()
  })

  let buckets = 0
  /**
   * A library whose default storage holds `count` small files and two that go up in parts; its
   * production is a bucket of its own (a bucket holds one library's marker).
   */
  async function libraryWithFiles(count: number) {
    const dir = dirs.make()
    const bucket = `prod${++buckets}`
    await s3.createBucket(bucket)
    const opened = await openLibrary(
      dir,
      {
        storages: {
          default: { type: 'local', location: 'media' },
          production: s3Storage(proxy.endpoint, bucket, {
            multipartThresholdMiB: 5,
            partSizeMiB: 5,
            partConcurrency: 2,
          }),
        },
      },
      credentialsEnv('production'),
    )
    dirs.cleanup(opened.close)
    const files = new Map<string, string>()
    const folders = ['cast_audio', 'original_images', 'images', 'cast_files', 'cast_videos/poster']
    for (let i = 0; i < count; i++) {
      const key = `${folders[i % folders.length]}/file-${i}.bin`
      files.set(key, sha256(writeRandom(join(dir, 'media', key), 1000 + ((i * 7919) % 200_000))))
    }
    for (const key of ['cast_audio/long-episode.mp3', 'cast_videos/trailer.mp4']) {
      files.set(key, sha256(writeRandom(join(dir, 'media', key), 11 * MiB + 17)))
    }
    return { ...opened, dir, files, bucket }
  }

  async function expectIntact(report: SyncReport, files: Map<string, string>, bucket: string) {
    const failed = new Set(report.failures.map((f) => f.key))
    for (const [key, digest] of files) {
      if (failed.has(key)) continue
      expect(await s3.sha256(bucket, key), key).toBe(digest)
    }
  }

  it('retries 500s, SlowDown, resets and stalls, and every object it reports done is intact', async () => {
    const { call, context, files, bucket } = await libraryWithFiles(30)
    proxy.clear()
    const faults: [Fault, S3Call, number][] = [
      ['status500', 'PutObject', 3],
      ['slowDown503', 'PutObject', 3],
      ['resetRequest', 'PutObject', 2],
      ['resetResponse', 'PutObject', 2],
      ['stall', 'PutObject', 1],
      ['status500', 'UploadPart', 1],
      ['resetRequest', 'UploadPart', 1],
      ['stall', 'UploadPart', 1],
      ['resetResponse', 'CompleteMultipartUpload', 1],
      ['slowDown503', 'CreateMultipartUpload', 1],
    ]
    for (const [fault, on, times] of faults) proxy.inject({ fault, when: (r) => r.call === on, times })
    const report = await call('storage.sync', { from: 'default', to: 'production' }, context)
    expect(report.failures).toEqual([])
    expect(report.copied).toBe(files.size)
    for (const [fault, on, times] of faults) {
      expect(
        proxy.seen.filter((r) => r.fault === fault && r.call === on),
        `${fault} on ${on}`,
      ).toHaveLength(times)
    }
    await expectIntact(report, files, bucket)
    for (const key of files.keys()) {
      expect(await s3.metadata(bucket, key)).toEqual({ sha256: files.get(key) })
    }

    proxy.clear()
    const again = await call('storage.sync', { from: 'default', to: 'production' }, context)
    expect(again).toMatchObject({ copied: 0, bytes: 0, plan: { add: 0, change: 0, same: files.size } })
    // One request: the GET of the storage marker, the check every sync makes first.
    expect(proxy.seen.map((r) => r.call)).toEqual(['GetObject'])
  })

  it('reports a file that keeps failing as failed, never as done, and copies the rest', async () => {
    const { call, context, files, bucket } = await libraryWithFiles(12)
    proxy.clear()
    proxy.inject({ fault: 'status500', when: (r) => r.key === 'cast_files/file-3.bin' })
    proxy.inject({ fault: 'resetResponse', when: (r) => r.call === 'PutObject', times: 4 })
    const report = await call('storage.sync', { from: 'default', to: 'production' }, context)
    proxy.clear()
    expect(report.failures).toEqual([
      expect.objectContaining({ key: 'cast_files/file-3.bin', code: 'storage_error' }),
    ])
    expect(report.failures[0]?.message).toMatch(/Storage "production" failed .* after 6 attempts/)
    expect(report.copied).toBe(files.size - 1)
    await expectIntact(report, files, bucket)

    const retried = await call('storage.sync', { from: 'default', to: 'production' }, context)
    expect(retried).toMatchObject({ copied: 1, failures: [] })
    expect(await s3.sha256(bucket, 'cast_files/file-3.bin')).toBe(files.get('cast_files/file-3.bin'))
  })

  it('re-copies a file whose content changed, found by SHA-256 although the size is the same', async () => {
    const { call, context, files, dir, bucket } = await libraryWithFiles(3)
    await call('storage.sync', {}, context)
    const key = [...files.keys()][0] as string
    const path = join(dir, 'media', key)
    const size = readFileSync(path).length
    const changed = writeRandom(path, size)
    const report = await call('storage.sync', {}, context)
    expect(report).toMatchObject({ copied: 1, plan: { add: 0, change: 1 } })
    expect(await s3.sha256(bucket, key)).toBe(sha256(changed))
  })
})
