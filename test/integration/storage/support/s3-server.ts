import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync, utimesSync } from 'node:fs'
import type { Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3'
import S3rver from 's3rver'

/** s3rver checks the access key id only (never the signature): this is the id it knows. */
export const S3RVER_KEY = 'S3RVER'

export interface S3TestServer {
  endpoint: string
  port: number
  /** A client straight to the server (no fault proxy), for checking what is really stored. */
  client: S3Client
  createBucket(name: string): Promise<void>
  /** The keys of media objects: the storage marker (.castdesk-storage.json) is left out; `allKeys` has it. */
  keys(bucket: string, prefix?: string): Promise<string[]>
  allKeys(bucket: string, prefix?: string): Promise<string[]>
  sha256(bucket: string, key: string): Promise<string>
  metadata(bucket: string, key: string): Promise<Record<string, string>>
  put(bucket: string, key: string, body: Buffer | string): Promise<void>
  remove(bucket: string, key: string): Promise<void>
  /** Sets an object's LastModified (s3rver reads it from its file's modification time). */
  age(bucket: string, key: string, modified: Date): void
  stop(): Promise<void>
}

/** A real S3-compatible server (s3rver) on 127.0.0.1, on a free port, storing into a temp folder. */
export async function startS3Server(buckets: readonly string[] = []): Promise<S3TestServer> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  const dir = mkdtempSync(join(tmpdir(), 'castdesk-s3rver-'))
  const server = new S3rver({ address: '127.0.0.1', port: 0, directory: dir, silent: true })
  const { port } = await server.run()
  const endpoint = `http://127.0.0.1:${port}`
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: S3RVER_KEY, secretAccessKey: S3RVER_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
  const listKeys = async (bucket: string, prefix?: string): Promise<string[]> => {
    const keys: string[] = []
    let token: string | undefined
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
      )
      for (const object of page.Contents ?? []) if (object.Key) keys.push(object.Key)
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
    return keys.sort()
  }
  const api: S3TestServer = {
    endpoint,
    port,
    client,
    createBucket: async (name) => {
      await client.send(new CreateBucketCommand({ Bucket: name }))
    },
    keys: async (bucket, prefix) =>
      (await listKeys(bucket, prefix)).filter((key) => !key.endsWith('.castdesk-storage.json')),
    allKeys: (bucket, prefix) => listKeys(bucket, prefix),
    sha256: async (bucket, key) => {
      const output = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
      const bytes = await output.Body?.transformToByteArray()
      return createHash('sha256')
        .update(bytes ?? new Uint8Array())
        .digest('hex')
    },
    metadata: async (bucket, key) => {
      const output = await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }))
      return output.Metadata ?? {}
    },
    put: async (bucket, key, body) => {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }))
    },
    remove: async (bucket, key) => {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }))
    },
    age: (bucket, key, modified) => {
      const parts = key.split('/')
      const name = `${parts.pop()}._S3rver_object`
      utimesSync(join(dir, bucket, ...parts, name), modified, modified)
    },
    stop: async () => {
      client.destroy()
      // A client's idle keep-alive connection would hold close() open, and the folder with it.
      ;(server as unknown as { httpServer?: Server }).httpServer?.closeAllConnections()
      try {
        await server.close()
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
  }
  for (const bucket of buckets) await api.createBucket(bucket)
  return api
}
