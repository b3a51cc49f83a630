import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freshDirs } from '../../helpers/fresh-dirs'
import { FaultProxy } from './support/fault-proxy'
import { credentialsEnv, makeS3Storage, s3Config, writeRandom } from './support/s3-fixtures'
import { type S3TestServer, startS3Server } from './support/s3-server'

const dirs = freshDirs('castdesk-s3-')
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex')
const MiB = 1024 * 1024

async function text(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

describe('the S3 storage against a real S3-compatible server', () => {
  let s3: S3TestServer
  let proxy: FaultProxy

  beforeAll(async () => {
    s3 = await startS3Server(['media'])
    proxy = await new FaultProxy(s3.port).start()
  })
  afterAll(async () => {
    await proxy.stop()
    await s3.stop()
  })

  function storage(name = 'production', extra: Record<string, unknown> = {}, env = credentialsEnv(name)) {
    const made = makeS3Storage(dirs.make(), name, s3Config(proxy.endpoint, 'media', extra), env)
    dirs.cleanup(made.close)
    return made
  }

  it('stores, heads, lists, reads and deletes objects, with their SHA-256 as metadata', async () => {
    const { storage: s } = storage('production', { prefix: 'show' })
    const path = join(dirs.make(), 'Folge 1 – Grüße.mp3')
    const data = writeRandom(path, 300_000)
    const put = await s.putFile('cast_audio/Folge 1 – Grüße.mp3', path)
    expect(put).toMatchObject({ size: data.length, sha256: sha256(data) })
    expect(await s.head('cast_audio/Folge 1 – Grüße.mp3')).toMatchObject({
      size: data.length,
      sha256: sha256(data),
    })
    expect(await s3.metadata('media', 'show/cast_audio/Folge 1 – Grüße.mp3')).toEqual({
      sha256: sha256(data),
    })
    const listed = []
    for await (const object of s.list('cast_audio/')) listed.push(object.key)
    expect(listed).toEqual(['cast_audio/Folge 1 – Grüße.mp3'])
    expect(sha256(await text(await s.get('cast_audio/Folge 1 – Grüße.mp3')))).toBe(sha256(data))
    await s.delete('cast_audio/Folge 1 – Grüße.mp3')
    expect(await s.head('cast_audio/Folge 1 – Grüße.mp3')).toBeNull()
    await s.delete('cast_audio/Folge 1 – Grüße.mp3')
  })

  it('stores streams and buffers, staging them once', async () => {
    const { storage: s } = storage()
    const result = await s.put('cast_files/notes.txt', Buffer.from('show notes'))
    expect(result.sha256).toBe(sha256(Buffer.from('show notes')))
    expect(await s3.sha256('media', 'cast_files/notes.txt')).toBe(result.sha256)
  })

  it('uploads a large file in parts, each checked, and records nothing once it is done', async () => {
    const { storage: s, checkpoints } = storage('production', { multipartThresholdMiB: 5, partSizeMiB: 5 })
    const path = join(dirs.make(), 'big.mp3')
    const data = writeRandom(path, 12 * MiB + 5)
    proxy.clear()
    const result = await s.putFile('cast_audio/big.mp3', path)
    expect(result.sha256).toBe(sha256(data))
    expect(proxy.count('UploadPart', 200)).toBe(3)
    expect(await s3.sha256('media', 'cast_audio/big.mp3')).toBe(sha256(data))
    expect(await s3.metadata('media', 'cast_audio/big.mp3')).toEqual({ sha256: sha256(data) })
    expect(checkpoints.pending()).toEqual([])
  })

  it('resumes an interrupted multipart upload from its stored upload id and parts', async () => {
    const { storage: s, checkpoints } = storage('production', {
      multipartThresholdMiB: 5,
      partSizeMiB: 5,
      partConcurrency: 1,
    })
    const path = join(dirs.make(), 'episode.m4a')
    const data = writeRandom(path, 17 * MiB)
    proxy.clear()
    proxy.inject({ fault: 'forbidden403', when: (r) => r.call === 'UploadPart' && (r.partNumber ?? 0) >= 3 })
    await expect(s.putFile('cast_audio/episode.m4a', path)).rejects.toMatchObject({ code: 'storage_denied' })
    expect(checkpoints.pending()).toEqual([
      {
        storage: expect.stringContaining('production'),
        key: 'cast_audio/episode.m4a',
        parts: 2,
        size: data.length,
      },
    ])
    proxy.clear()
    await s.putFile('cast_audio/episode.m4a', path)
    expect(proxy.count('CreateMultipartUpload')).toBe(0)
    expect(proxy.seen.filter((r) => r.call === 'UploadPart').map((r) => r.partNumber)).toEqual([3, 4])
    expect(await s3.sha256('media', 'cast_audio/episode.m4a')).toBe(sha256(data))
    expect(checkpoints.pending()).toEqual([])
  })

  it('names the storage and the variable when the access key id is unknown', async () => {
    const { storage: s } = storage('production', {}, credentialsEnv('production', 'NOT-A-KEY'))
    const error = await s
      .list()
      [Symbol.asyncIterator]()
      .next()
      .catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'storage_denied' })
    expect((error as Error).message).toContain('Storage "production"')
    expect((error as Error).message).toContain('CASTDESK_S3_PRODUCTION_ACCESS_KEY_ID')
    expect((error as Error).message).toContain('InvalidAccessKeyId')
  })

  it('says which permission is missing on which bucket for a 403', async () => {
    const { storage: s } = storage()
    const path = join(dirs.make(), 'a.mp3')
    writeRandom(path, 1000)
    proxy.clear()
    proxy.inject({ fault: 'forbidden403', when: (r) => r.call === 'PutObject' })
    const error = await s.putFile('cast_audio/a.mp3', path).catch((e: unknown) => e)
    proxy.clear()
    expect(error).toMatchObject({ code: 'storage_denied' })
    expect((error as Error).message).toMatch(/denied s3:PutObject on bucket "media"/)
  })

  it('says so when there are no credentials at all', async () => {
    const { storage: s } = storage('backup-s3', {}, {})
    await expect(s.head('x')).rejects.toMatchObject({
      code: 'storage_denied',
      message: expect.stringContaining('CASTDESK_S3_BACKUP_S3_ACCESS_KEY_ID'),
    })
  })

  it('names a missing bucket', async () => {
    const made = makeS3Storage(dirs.make(), 'production', s3Config(s3.endpoint, 'no-such-bucket'))
    dirs.cleanup(made.close)
    const path = join(dirs.make(), 'a.mp3')
    writeRandom(path, 100)
    await expect(made.storage.putFile('cast_audio/a.mp3', path)).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/bucket "no-such-bucket" of storage "production" does not exist/),
    })
  })

  it('says an endpoint is unreachable, naming the storage', async () => {
    const made = makeS3Storage(dirs.make(), 'production', s3Config('http://127.0.0.1:9', 'media'))
    dirs.cleanup(made.close)
    await expect(made.storage.head('x')).rejects.toMatchObject({
      code: 'storage_unreachable',
      message: expect.stringMatching(/Storage "production" is unreachable at http:\/\/127\.0\.0\.1:9/),
    })
  })

  it('builds public URLs from the base URL, else from the endpoint', () => {
    expect(
      storage('production', { publicBaseUrl: 'https://cdn.example.org/media' }).storage.url('images/a b.jpg'),
    ).toBe('https://cdn.example.org/media/images/a%20b.jpg')
    expect(storage().storage.url('cast_audio/ep.mp3')).toBe(`${proxy.endpoint}/media/cast_audio/ep.mp3`)
  })
})
