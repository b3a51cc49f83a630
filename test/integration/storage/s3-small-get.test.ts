import { createHash, createHmac } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SignatureV4 } from '@smithy/signature-v4'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getSmallObject, s3ObjectUrl } from '../../../src/main/storage/s3-small-get'
import { freshDirs } from '../../helpers/fresh-dirs'
import { FaultProxy } from './support/fault-proxy'
import { credentialsEnv, makeS3Storage, s3Config } from './support/s3-fixtures'
import { type S3TestServer, startS3Server } from './support/s3-server'

const dirs = freshDirs('castdesk-s3-small-')

const bytes = (data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data)

/** The Checksum the SDK's signer wants, from node:crypto. */
class NodeSha256 {
  private readonly hash
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256')
  }
  update(data: string | ArrayBuffer | ArrayBufferView): void {
    this.hash.update(bytes(data))
  }
  async digest(): Promise<Uint8Array> {
    return this.hash.digest()
  }
  reset(): void {}
}

/** A server on 127.0.0.1 that answers 200 with `body` and keeps every request's path and headers. */
async function capturingServer(body: string) {
  const seen: { path: string; headers: IncomingHttpHeaders }[] = []
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers })
    res.end(body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { seen, endpoint: `http://127.0.0.1:${port}`, stop: () => new Promise((r) => server.close(r)) }
}

describe('a small object by a signed GET without the AWS SDK', () => {
  let s3: S3TestServer
  let proxy: FaultProxy

  beforeAll(async () => {
    s3 = await startS3Server(['media', 'dotted.bucket'])
    proxy = await new FaultProxy(s3.port).start()
  })
  afterAll(async () => {
    await proxy.stop()
    await s3.stop()
  })

  function storage(extra: Record<string, unknown> = {}, env = credentialsEnv('production')) {
    const made = makeS3Storage(dirs.make(), 'production', s3Config(proxy.endpoint, 'media', extra), env)
    dirs.cleanup(made.close)
    return made.storage
  }

  it('signs exactly as the SDK signer does, session token and awkward key included', async () => {
    const server = await capturingServer('{}')
    try {
      const credentials = {
        accessKeyId: 'AKID',
        secretAccessKey: 'secret/key+1',
        sessionToken: 'tok=en',
        source: 'x',
      }
      const key = "show/Folge 1 – Grüße (final)!*'.json"
      const address = {
        bucket: 'media',
        endpoint: server.endpoint,
        region: 'eu-central-1',
        forcePathStyle: true,
      }
      await getSmallObject(address, key, credentials, { timeoutMs: 5000, maxBytes: 100 })
      const [{ path, headers }] = server.seen
      expect(path).toBe(s3ObjectUrl(address, key).pathname)
      const amzDate = String(headers['x-amz-date'])
      const signingDate = new Date(
        amzDate.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'),
      )
      const signer = new SignatureV4({
        credentials,
        region: 'eu-central-1',
        service: 's3',
        sha256: NodeSha256,
        uriEscapePath: false,
      })
      const expected = await signer.sign(
        {
          method: 'GET',
          protocol: 'http:',
          hostname: '127.0.0.1',
          port: Number(new URL(server.endpoint).port),
          path,
          query: {},
          headers: {
            host: String(headers.host),
            'x-amz-content-sha256': String(headers['x-amz-content-sha256']),
            'x-amz-security-token': 'tok=en',
          },
        },
        { signingDate },
      )
      expect(headers['x-amz-security-token']).toBe('tok=en')
      expect(expected.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/eu-central-1\/s3\/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
      )
      expect(headers.authorization).toBe(expected.headers.authorization)
    } finally {
      await server.stop()
    }
  })

  it('addresses objects path-style when asked or needed, else virtual-hosted, like the SDK', () => {
    const aws = { bucket: 'show-media', region: 'eu-west-1', forcePathStyle: false }
    expect(s3ObjectUrl(aws, 'a b.json').href).toBe('https://show-media.s3.eu-west-1.amazonaws.com/a%20b.json')
    expect(s3ObjectUrl({ ...aws, bucket: 'my.show' }, 'x').href).toBe(
      'https://s3.eu-west-1.amazonaws.com/my.show/x',
    )
    expect(s3ObjectUrl({ ...aws, endpoint: 'https://s3.example.org:9000' }, 'p/x').href).toBe(
      'https://show-media.s3.example.org:9000/p/x',
    )
    expect(s3ObjectUrl({ ...aws, endpoint: 'http://127.0.0.1:9000', forcePathStyle: true }, 'x').href).toBe(
      'http://127.0.0.1:9000/show-media/x',
    )
  })

  it('reads an object from a real S3-compatible server, under a prefix and with a bucket that has dots', async () => {
    await s3.put('media', 'show/.castdesk-storage.json', '{"libraryId":"L","storage":"production"}')
    expect((await storage({ prefix: 'show' }).getSmall('.castdesk-storage.json')).toString()).toContain('"L"')
    await s3.put('dotted.bucket', 'a.json', 'dots')
    const dotted = makeS3Storage(
      dirs.make(),
      'production',
      s3Config(proxy.endpoint, 'dotted.bucket', { forcePathStyle: false }),
      credentialsEnv('production'),
    )
    dirs.cleanup(dotted.close)
    expect((await dotted.storage.getSmall('a.json')).toString()).toBe('dots')
  })

  it('explains a missing object, a missing bucket, an unknown key id and a denial as the SDK path does', async () => {
    await expect(storage().getSmall('nothing.json')).rejects.toMatchObject({
      code: 'not_found',
      message: 'No file "nothing.json" in storage "production".',
    })
    const noBucket = makeS3Storage(dirs.make(), 'production', s3Config(proxy.endpoint, 'no-such-bucket'))
    dirs.cleanup(noBucket.close)
    await expect(noBucket.storage.getSmall('x.json')).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/bucket "no-such-bucket" of storage "production" does not exist/),
    })
    const stranger = storage({}, credentialsEnv('production', 'NOT-A-KEY'))
    await expect(stranger.getSmall('x.json')).rejects.toMatchObject({
      code: 'storage_denied',
      message: expect.stringContaining('InvalidAccessKeyId'),
    })
    proxy.clear()
    proxy.inject({ fault: 'forbidden403', when: (r) => r.call === 'GetObject' })
    await expect(storage().getSmall('x.json')).rejects.toMatchObject({
      code: 'storage_denied',
      message: expect.stringMatching(/denied s3:GetObject on bucket "media"/),
    })
    proxy.clear()
    await expect(storage({}, {}).getSmall('x.json')).rejects.toMatchObject({
      code: 'storage_denied',
      message: expect.stringContaining('CASTDESK_S3_PRODUCTION_ACCESS_KEY_ID'),
    })
  })

  it('retries 5xx, throttling and answers cut off halfway, body included', async () => {
    await s3.put('media', 'm.json', 'x'.repeat(50_000))
    proxy.clear()
    proxy.inject({ fault: 'status500', when: (r) => r.call === 'GetObject', times: 1 })
    proxy.inject({ fault: 'slowDown503', when: (r) => r.call === 'GetObject', times: 1 })
    proxy.inject({ fault: 'resetResponse', when: (r) => r.call === 'GetObject', times: 1 })
    expect((await storage().getSmall('m.json')).toString()).toBe('x'.repeat(50_000))
    expect(proxy.count('GetObject')).toBe(4)
    proxy.clear()
  })

  it('gives up on a stalled or unreachable server with storage_unreachable, and refuses a huge body', async () => {
    proxy.clear()
    proxy.inject({ fault: 'stall', when: (r) => r.call === 'GetObject' })
    await expect(
      storage({ requestTimeoutSeconds: 0.2, maxAttempts: 2 }).getSmall('m.json'),
    ).rejects.toMatchObject({ code: 'storage_unreachable', message: expect.stringContaining('2 attempts') })
    proxy.clear()
    const offline = makeS3Storage(dirs.make(), 'production', s3Config('http://127.0.0.1:9', 'media'))
    dirs.cleanup(offline.close)
    await expect(offline.storage.getSmall('x.json')).rejects.toMatchObject({ code: 'storage_unreachable' })
    await expect(storage().getSmall('m.json', 1000)).rejects.toMatchObject({
      code: 'storage_error',
      message: expect.stringContaining('EntityTooLarge'),
    })
  })
})
