import { createHash } from 'node:crypto'
import { type FileHandle, open } from 'node:fs/promises'
import { Readable } from 'node:stream'
import pLimit from 'p-limit'
import { CastdeskError } from '../../shared/errors'
import { type ContentHash, cleanEtag, isMd5Hex, multipartEtag } from './content-hash'
import type { S3Sdk } from './s3-client'
import { ChecksumMismatch, type S3Operation } from './s3-errors'

type S3Client = import('@aws-sdk/client-s3').S3Client

/** S3 allows at most this many parts per upload. */
export const MAX_PARTS = 10_000
const MiB = 1024 * 1024

export interface MultipartPart {
  number: number
  etag: string
  size: number
}

/** An upload under way, as stored between runs. */
export interface MultipartCheckpoint {
  uploadId: string
  sha256: string
  size: number
  partSize: number
  parts: Map<number, MultipartPart>
}

/** Where an upload's id and finished parts are kept, so that an interrupted upload resumes. */
export interface MultipartCheckpoints {
  load(storage: string, key: string): MultipartCheckpoint | null
  begin(storage: string, key: string, upload: Omit<MultipartCheckpoint, 'parts'>): void
  part(storage: string, key: string, part: MultipartPart): void
  finish(storage: string, key: string): void
}

export interface MultipartJob {
  storageName: string
  /** The storage's identity (name and location): checkpoints are kept under it. */
  checkpointStorage: string
  /** The storage key (checkpoints are kept under it). */
  key: string
  /** The S3 object key (storage prefix included). */
  objectKey: string
  bucket: string
  path: string
  content: ContentHash
  contentType: string
  partSize: number
  concurrency: number
  checkpoints?: MultipartCheckpoints
  request: <T>(
    operation: S3Operation,
    work: (connection: { sdk: S3Sdk; client: S3Client }, attempt: number) => Promise<T>,
  ) => Promise<T>
  onBytes?: (bytes: number) => void
}

/** The configured part size, grown in whole MiB until the file fits in 10,000 parts. */
export function partSizeFor(size: number, configured: number): number {
  const needed = Math.ceil(size / MAX_PARTS)
  return needed <= configured ? configured : Math.ceil(needed / MiB) * MiB
}

/**
 * Uploads a file in parts. The upload id and each finished part are checkpointed as they land;
 * a later call for the same key and content skips the parts already there. Each part is sent with
 * its Content-MD5 and its ETag checked; the finished object's ETag is checked as well.
 */
export async function uploadMultipart(job: MultipartJob): Promise<string | undefined> {
  const partSize = partSizeFor(job.content.size, job.partSize)
  try {
    return await upload(job, partSize)
  } catch (error) {
    if (!isNoSuchUpload(error)) throw error
    // The server no longer knows the stored upload (expired or aborted): start again, once.
    job.checkpoints?.finish(job.checkpointStorage, job.key)
    return upload(job, partSize)
  }
}

async function upload(job: MultipartJob, partSize: number): Promise<string | undefined> {
  const checkpoint = await startOrResume(job, partSize)
  const count = Math.ceil(job.content.size / partSize)
  let bytes = 0
  for (const part of checkpoint.parts.values()) bytes += part.size
  if (bytes > 0) job.onBytes?.(bytes)
  const handle = await open(job.path, 'r')
  try {
    const limit = pLimit(job.concurrency)
    let failed = false
    const missing = Array.from({ length: count }, (_, i) => i + 1).filter((n) => !checkpoint.parts.has(n))
    const results = await Promise.allSettled(
      missing.map((number) =>
        limit(async () => {
          if (failed) return
          try {
            const part = await uploadPart(job, checkpoint.uploadId, handle, number, partSize)
            checkpoint.parts.set(number, part)
            job.checkpoints?.part(job.checkpointStorage, job.key, part)
            bytes += part.size
            job.onBytes?.(bytes)
          } catch (error) {
            failed = true
            throw error
          }
        }),
      ),
    )
    const rejected = results.find((result) => result.status === 'rejected')
    if (rejected) throw (rejected as PromiseRejectedResult).reason
  } finally {
    await handle.close()
  }
  return complete(job, checkpoint)
}

async function startOrResume(job: MultipartJob, partSize: number): Promise<MultipartCheckpoint> {
  const stored = job.checkpoints?.load(job.checkpointStorage, job.key) ?? null
  if (stored) {
    const same =
      stored.sha256 === job.content.sha256 && stored.size === job.content.size && stored.partSize === partSize
    if (same) return stored
    await abandon(job, stored.uploadId)
  }
  const created = await job.request('CreateMultipartUpload', ({ sdk, client }) =>
    client.send(
      new sdk.CreateMultipartUploadCommand({
        Bucket: job.bucket,
        Key: job.objectKey,
        ContentType: job.contentType,
        Metadata: { sha256: job.content.sha256 },
      }),
    ),
  )
  if (!created.UploadId)
    throw new CastdeskError('storage_error', `Storage "${job.storageName}" gave no upload id.`)
  const upload = { uploadId: created.UploadId, sha256: job.content.sha256, size: job.content.size, partSize }
  job.checkpoints?.begin(job.checkpointStorage, job.key, upload)
  return { ...upload, parts: new Map() }
}

async function uploadPart(
  job: MultipartJob,
  uploadId: string,
  handle: FileHandle,
  number: number,
  partSize: number,
): Promise<MultipartPart> {
  const offset = (number - 1) * partSize
  const size = Math.min(partSize, job.content.size - offset)
  const body = Buffer.allocUnsafe(size)
  let read = 0
  while (read < size) {
    const { bytesRead } = await handle.read(body, read, size - read, offset + read)
    if (bytesRead === 0)
      throw new CastdeskError('storage_error', `${job.path} got shorter while it was uploaded.`)
    read += bytesRead
  }
  const md5 = createHash('md5').update(body).digest('hex')
  const etag = await job.request('UploadPart', async ({ sdk, client }) => {
    const output = await client.send(
      new sdk.UploadPartCommand({
        Bucket: job.bucket,
        Key: job.objectKey,
        UploadId: uploadId,
        PartNumber: number,
        // A stream, not the buffer: the SDK would hash a buffer once more to sign it.
        Body: Readable.from([body]),
        ContentLength: size,
        ContentMD5: Buffer.from(md5, 'hex').toString('base64'),
      }),
    )
    const returned = cleanEtag(output.ETag)
    if (!returned) throw new ChecksumMismatch(`part ${number} came back without an ETag`)
    if (isMd5Hex(returned) && returned !== md5) {
      throw new ChecksumMismatch(`part ${number} was stored with other bytes (ETag ${returned}, MD5 ${md5})`)
    }
    return returned
  })
  return { number, etag, size }
}

async function complete(job: MultipartJob, checkpoint: MultipartCheckpoint): Promise<string | undefined> {
  const parts = [...checkpoint.parts.values()].sort((a, b) => a.number - b.number)
  let etag: string | undefined
  try {
    etag = await job.request('CompleteMultipartUpload', async ({ sdk, client }, attempt) => {
      // A retry may follow a completion that landed but whose answer was lost.
      if (attempt > 1 && (await landed(job).catch(() => false))) return undefined
      const output = await client.send(
        new sdk.CompleteMultipartUploadCommand({
          Bucket: job.bucket,
          Key: job.objectKey,
          UploadId: checkpoint.uploadId,
          MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.number, ETag: `"${p.etag}"` })) },
        }),
      )
      return cleanEtag(output.ETag)
    })
  } catch (error) {
    if ((error as { code?: string }).code === 'storage_unreachable') throw error
    // A retried completion whose first try landed finds no upload any more (S3 says NoSuchUpload,
    // other servers fail otherwise): the object itself tells whether it is there.
    job.checkpoints?.finish(job.checkpointStorage, job.key)
    if (await landed(job).catch(() => false)) return undefined
    // The server answered but would not assemble these parts: the next run starts afresh.
    throw error
  }
  job.checkpoints?.finish(job.checkpointStorage, job.key)
  const whole = parts.every((p) => isMd5Hex(p.etag)) ? multipartEtag(parts.map((p) => p.etag)) : undefined
  const intact =
    etag === undefined ||
    (isMd5Hex(etag) ? etag === job.content.md5 : !whole || !/-\d+$/.test(etag) || etag === whole)
  if (!intact) {
    throw new CastdeskError(
      'storage_error',
      `Storage "${job.storageName}" assembled "${job.key}" from other bytes than were sent (ETag ${etag}): run the sync again.`,
    )
  }
  return etag
}

async function landed(job: MultipartJob): Promise<boolean> {
  const head = await job.request('HeadObject', ({ sdk, client }) =>
    client.send(new sdk.HeadObjectCommand({ Bucket: job.bucket, Key: job.objectKey })),
  )
  return head.ContentLength === job.content.size && head.Metadata?.sha256 === job.content.sha256
}

async function abandon(job: MultipartJob, uploadId: string): Promise<void> {
  job.checkpoints?.finish(job.checkpointStorage, job.key)
  await job
    .request('AbortMultipartUpload', ({ sdk, client }) =>
      client.send(
        new sdk.AbortMultipartUploadCommand({ Bucket: job.bucket, Key: job.objectKey, UploadId: uploadId }),
      ),
    )
    .catch(() => undefined)
}

function isNoSuchUpload(error: unknown): boolean {
  const cause = (error as { cause?: { name?: string; Code?: string } }).cause
  return cause?.name === 'NoSuchUpload' || cause?.Code === 'NoSuchUpload'
}
