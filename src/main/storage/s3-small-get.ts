// One small object (a storage's marker) fetched by a SigV4-signed GET, without the AWS SDK: loading
// and setting up the SDK's client costs about 90 ms, most of what a sync with nothing to do takes,
// and that sync's only S3 call is this GET. Errors take the SDK's shape (name/Code, $metadata),
// so s3-errors.ts classifies and explains them exactly as the SDK's.
import type { IncomingMessage } from 'node:http'
import { requireLazily } from '../platform/lazy'
import type { S3Credentials } from './s3-credentials'
import type { S3StorageSettings } from './s3-settings'

type Aws4 = typeof import('aws4')

export type S3Address = Pick<S3StorageSettings, 'bucket' | 'endpoint' | 'region' | 'forcePathStyle'>

/** An S3 answer other than 200, shaped like the SDK's service errors. */
export class S3HttpError extends Error {
  readonly Code: string
  readonly $metadata: { httpStatusCode: number }

  constructor(status: number, code: string, message: string) {
    super(message || `HTTP ${status}`)
    this.name = code
    this.Code = code
    this.$metadata = { httpStatusCode: status }
  }
}

/** A bucket name usable as a host name (no dots: a dotted name breaks the TLS wildcard). */
function virtualHostable(bucket: string): boolean {
  return /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(bucket) && !bucket.includes('--')
}

/** RFC 3986 encoding of each path segment, as SigV4 signs it (aws4 signs the same form). */
function encodeKeyPath(objectKey: string): string {
  return objectKey
    .split('/')
    .map((segment) =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/')
}

/** The URL of an object, addressed as the SDK addresses it (path style when asked or needed). */
export function s3ObjectUrl(address: S3Address, objectKey: string): URL {
  const path = encodeKeyPath(objectKey)
  const base = new URL(address.endpoint ?? `https://s3.${address.region}.amazonaws.com`)
  const basePath = base.pathname.replace(/\/+$/, '')
  if (address.forcePathStyle || !virtualHostable(address.bucket)) {
    return new URL(`${base.protocol}//${base.host}${basePath}/${encodeURIComponent(address.bucket)}/${path}`)
  }
  return new URL(`${base.protocol}//${address.bucket}.${base.host}${basePath}/${path}`)
}

export interface SmallGetOptions {
  /** A socket silent this long fails the request. */
  timeoutMs: number
  /** A larger body is refused (it is not the small object asked for). */
  maxBytes: number
}

/** The object's bytes; an S3HttpError for any other answer, a Node network error when unreachable. */
export async function getSmallObject(
  address: S3Address,
  objectKey: string,
  credentials: S3Credentials,
  options: SmallGetOptions,
): Promise<Buffer> {
  const url = s3ObjectUrl(address, objectKey)
  const aws4 = requireLazily('aws4') as Aws4
  const signed = aws4.sign(
    {
      host: url.host,
      path: url.pathname,
      method: 'GET',
      service: 's3',
      region: address.region,
      headers: { 'X-Amz-Content-Sha256': 'UNSIGNED-PAYLOAD' },
    },
    {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    },
  )
  // required, not imported dynamically: see platform/compile-cache.ts; https costs ~15 ms to load
  const http = requireLazily(
    url.protocol === 'https:' ? 'node:https' : 'node:http',
  ) as typeof import('node:http')
  const response = await new Promise<IncomingMessage>((resolve, reject) => {
    const request = http.request(url, { method: 'GET', headers: signed.headers }, resolve)
    request.setTimeout(options.timeoutMs, () =>
      request.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })),
    )
    request.on('error', reject)
    request.end()
  })
  const body = await readBody(response, options.maxBytes, options.timeoutMs)
  const status = response.statusCode ?? 0
  if (status === 200) return body
  throw errorFromAnswer(status, body.toString('utf8'))
}

async function readBody(response: IncomingMessage, maxBytes: number, timeoutMs: number): Promise<Buffer> {
  response.setTimeout(timeoutMs, () =>
    response.destroy(Object.assign(new Error('response timed out'), { code: 'ETIMEDOUT' })),
  )
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of response) {
    size += (chunk as Buffer).length
    if (size > maxBytes) {
      response.destroy()
      throw new S3HttpError(response.statusCode ?? 0, 'EntityTooLarge', `larger than ${maxBytes} bytes`)
    }
    chunks.push(chunk as Buffer)
  }
  if (!response.complete) {
    throw Object.assign(new Error('premature close: the answer was cut off'), { code: 'ECONNRESET' })
  }
  return Buffer.concat(chunks)
}

/**
 * S3's error body is a flat `<Error><Code>…</Code><Message>…</Message></Error>`; its two fields are
 * read directly (an XML parser would cost more start-up time than this whole request).
 */
function errorFromAnswer(status: number, body: string): S3HttpError {
  const field = (name: string) => new RegExp(`<${name}>([^<]{0,500})</${name}>`).exec(body)?.[1]?.trim() ?? ''
  const code = field('Code') || (status === 404 ? 'NotFound' : status === 403 ? 'Forbidden' : 'Unknown')
  return new S3HttpError(status, code, field('Message') || `HTTP ${status}`)
}
