import { createReadStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { writeTempFile } from './atomic-file'
import { type ContentHash, cleanEtag, hashFile, isMd5Hex } from './content-hash'
import { contentTypeFor } from './content-type'
import { S3_QUARANTINE_PREFIX } from './quarantine/quarantine-names'
import { isReservedKey } from './reserved-keys'
import { type RetryHooks, withRetry } from './retry'
import { createS3Client, type S3Sdk } from './s3-client'
import {
  type CredentialSource,
  credentialsFromEnv,
  missingCredentials,
  type S3Credentials,
} from './s3-credentials'
import {
  ChecksumMismatch,
  isRetryableS3Error,
  type S3ErrorContext,
  type S3Operation,
  toStorageError,
} from './s3-errors'
import { type MultipartCheckpoints, uploadMultipart } from './s3-multipart'
import { type S3StorageConfig, type S3StorageSettings, s3SettingsFromConfig } from './s3-settings'
import { getSmallObject } from './s3-small-get'
import type { PutFileOptions, PutResult, Storage, StoredObject } from './storage'
import { assertSafeKey } from './storage-keys'

type S3Client = import('@aws-sdk/client-s3').S3Client
export interface S3StorageDeps {
  credentials: CredentialSource
  /** Where multipart uploads keep their upload id and finished parts (SQLite in a library). */
  checkpoints?: MultipartCheckpoints
  /** Where streamed bodies are staged before upload. */
  stagingDir: string
  retryHooks?: RetryHooks
}

interface Connection {
  sdk: S3Sdk
  client: S3Client
  credentialSource: string
}

/**
 * A bucket (and prefix) on AWS S3 or an S3-compatible server. Every object carries the SHA-256
 * of its content as metadata (`x-amz-meta-sha256`); every upload is checked against its MD5;
 * files from `multipartThreshold` on go up in parts that survive an interruption.
 */
export class S3Storage implements Storage {
  readonly remote = true
  /** Name and location: what manifests and multipart checkpoints are kept under. */
  readonly identity: string
  private connection: Promise<Connection> | null = null

  constructor(
    readonly name: string,
    readonly settings: S3StorageSettings,
    private readonly deps: S3StorageDeps,
  ) {
    this.identity = `${name} s3:${settings.endpoint ?? `aws/${settings.region}`}/${settings.bucket}/${settings.prefix}`
  }

  async putFile(key: string, sourcePath: string, options: PutFileOptions = {}): Promise<PutResult> {
    assertSafeKey(key)
    const content: ContentHash =
      options.known && options.md5
        ? { size: options.known.size, sha256: options.known.sha256, md5: options.md5 }
        : await hashFile(sourcePath)
    const etag =
      content.size >= this.settings.multipartThreshold
        ? await uploadMultipart({
            storageName: this.name,
            checkpointStorage: this.identity,
            key,
            path: sourcePath,
            content,
            contentType: contentTypeFor(key),
            partSize: this.settings.partSize,
            concurrency: this.settings.partConcurrency,
            checkpoints: this.deps.checkpoints,
            request: (operation, work) => this.request(operation, key, work),
            objectKey: this.objectKey(key),
            bucket: this.settings.bucket,
            onBytes: options.onBytes,
          })
        : await this.putSingle(key, sourcePath, content)
    if (content.size < this.settings.multipartThreshold) options.onBytes?.(content.size)
    if (options.move) await rm(sourcePath, { force: true })
    return { size: content.size, sha256: content.sha256, etag }
  }

  async put(key: string, body: Readable | Buffer): Promise<PutResult> {
    assertSafeKey(key)
    const staged = await writeTempFile(body, this.deps.stagingDir)
    try {
      return await this.putFile(key, staged.path, { move: true })
    } finally {
      await rm(staged.path, { force: true })
    }
  }

  async get(key: string): Promise<Readable> {
    assertSafeKey(key)
    const output = await this.request('GetObject', key, ({ sdk, client }) =>
      client.send(new sdk.GetObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) })),
    )
    return output.Body as Readable
  }

  /**
   * A small object's bytes (the marker), in one signed GET without loading the AWS SDK, retried
   * as a whole (body included) like any call.
   */
  async getSmall(key: string, maxBytes = 1024 * 1024): Promise<Buffer> {
    assertSafeKey(key)
    const credentials = this.credentials()
    const options = { timeoutMs: this.settings.requestTimeoutMs, maxBytes }
    return withRetry(
      () => getSmallObject(this.settings, this.objectKey(key), credentials, options),
      isRetryableS3Error,
      this.settings.retry,
      this.deps.retryHooks,
    ).catch((error: unknown) => {
      throw toStorageError(error, this.errorContext('GetObject', key, credentials.source))
    })
  }

  async head(key: string): Promise<StoredObject | null> {
    assertSafeKey(key)
    try {
      const output = await this.request('HeadObject', key, ({ sdk, client }) =>
        client.send(new sdk.HeadObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) })),
      )
      return {
        key,
        size: output.ContentLength ?? 0,
        modified: output.LastModified ?? new Date(0),
        etag: cleanEtag(output.ETag),
        sha256: output.Metadata?.sha256,
      }
    } catch (error) {
      if ((error as { code?: string }).code === 'not_found') return null
      throw error
    }
  }

  /** Every object under `prefix`; the quarantine only when `prefix` asks for it. */
  async *list(prefix = ''): AsyncIterable<StoredObject> {
    const hideQuarantine = !prefix.startsWith(S3_QUARANTINE_PREFIX)
    let token: string | undefined
    do {
      const page = await this.request('ListObjectsV2', undefined, ({ sdk, client }) =>
        client.send(
          new sdk.ListObjectsV2Command({
            Bucket: this.settings.bucket,
            Prefix: this.settings.prefix + prefix,
            ContinuationToken: token,
          }),
        ),
      )
      for (const object of page.Contents ?? []) {
        if (!object.Key || object.Key.endsWith('/')) continue
        const key = object.Key.slice(this.settings.prefix.length)
        // The quarantine is listed only when asked for; the marker never.
        if (key.startsWith(S3_QUARANTINE_PREFIX) ? hideQuarantine : isReservedKey(key)) continue
        yield {
          key,
          size: object.Size ?? 0,
          modified: object.LastModified ?? new Date(0),
          etag: cleanEtag(object.ETag),
        }
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined
    } while (token)
  }

  async delete(key: string): Promise<void> {
    assertSafeKey(key)
    try {
      await this.request('DeleteObject', key, ({ sdk, client }) =>
        client.send(new sdk.DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) })),
      )
    } catch (error) {
      if ((error as { code?: string }).code !== 'not_found') throw error
    }
  }

  url(key: string): string {
    assertSafeKey(key)
    const { publicBaseUrl, endpoint, bucket, region, forcePathStyle, prefix } = this.settings
    if (publicBaseUrl) return new URL(encodePath(key), withSlash(publicBaseUrl)).toString()
    const path = encodePath(prefix + key)
    if (!endpoint) return `https://${bucket}.s3.${region}.amazonaws.com/${path}`
    if (forcePathStyle) return `${endpoint}/${encodeURIComponent(bucket)}/${path}`
    const base = new URL(endpoint)
    return `${base.protocol}//${bucket}.${base.host}/${path}`
  }

  localPath(): null {
    return null
  }

  shownPath(): null {
    return null
  }

  /** Releases the connection pool, so that a finished process can exit at once. */
  async close(): Promise<void> {
    const connection = await this.connection?.catch(() => null)
    connection?.client.destroy()
    this.connection = null
  }

  /** One S3 call with retries for transient failures, its errors as CastdeskErrors naming this storage. */
  request<T>(
    operation: S3Operation,
    key: string | undefined,
    work: (connection: Connection, attempt: number) => Promise<T>,
  ): Promise<T> {
    return this.connect().then((connection) =>
      withRetry(
        (attempt) => work(connection, attempt),
        isRetryableS3Error,
        this.settings.retry,
        this.deps.retryHooks,
      ).catch((error: unknown) => {
        throw toStorageError(error, this.errorContext(operation, key, connection.credentialSource))
      }),
    )
  }

  private errorContext(
    operation: S3Operation,
    key: string | undefined,
    credentialSource: string,
  ): S3ErrorContext {
    return {
      storage: this.name,
      bucket: this.settings.bucket,
      endpoint: this.settings.endpoint ?? `AWS S3 (${this.settings.region})`,
      operation,
      key,
      credentialSource,
    }
  }

  /** This storage's credentials, or storage_denied saying which variables to set. */
  private credentials(): S3Credentials {
    const credentials = this.deps.credentials(this.name)
    if (!credentials) throw missingCredentials(this.name)
    return credentials
  }

  private async putSingle(key: string, path: string, content: ContentHash): Promise<string | undefined> {
    const output = await this.request('PutObject', key, async ({ sdk, client }) => {
      const result = await client.send(
        new sdk.PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: this.objectKey(key),
          Body: createReadStream(path),
          ContentLength: content.size,
          ContentMD5: Buffer.from(content.md5, 'hex').toString('base64'),
          ContentType: contentTypeFor(key),
          Metadata: { sha256: content.sha256 },
        }),
      )
      const etag = cleanEtag(result.ETag)
      if (isMd5Hex(etag) && etag !== content.md5) {
        throw new ChecksumMismatch(
          `the server stored other bytes than were sent (ETag ${etag}, MD5 ${content.md5})`,
        )
      }
      return result
    })
    return cleanEtag(output.ETag)
  }

  private objectKey(key: string): string {
    return this.settings.prefix + key
  }

  private connect(): Promise<Connection> {
    this.connection ??= (async () => {
      const credentials = this.credentials()
      const { sdk, client } = await createS3Client(
        {
          endpoint: this.settings.endpoint,
          region: this.settings.region,
          forcePathStyle: this.settings.forcePathStyle,
          requestTimeoutMs: this.settings.requestTimeoutMs,
          maxSockets: 64,
        },
        credentials,
      )
      return { sdk, client, credentialSource: credentials.source }
    })()
    // A failed connection (no credentials) is not cached: the next call tries again.
    this.connection.catch(() => {
      this.connection = null
    })
    return this.connection
  }
}

function encodePath(key: string): string {
  return key.split('/').map(encodeURIComponent).join('/')
}

function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}

export interface S3StorageFactoryDeps {
  /** Where credentials come from; the environment by default (see s3-credentials.ts). */
  credentials?: CredentialSource
  env?: NodeJS.ProcessEnv
  checkpoints?: MultipartCheckpoints
  retryHooks?: RetryHooks
}

/** An S3 storage from its castdesk.config.json entry. */
export function createS3Storage(
  name: string,
  config: S3StorageConfig,
  stagingDir: string,
  deps: S3StorageFactoryDeps = {},
): S3Storage {
  return new S3Storage(name, s3SettingsFromConfig(config), {
    credentials: deps.credentials ?? credentialsFromEnv(deps.env ?? process.env),
    checkpoints: deps.checkpoints,
    stagingDir,
    retryHooks: deps.retryHooks,
  })
}
