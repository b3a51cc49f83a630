import type { S3Client } from '@aws-sdk/client-s3'
import { requireLazily } from '../platform/lazy'
import type { S3Credentials } from './s3-credentials'

export type S3Sdk = typeof import('@aws-sdk/client-s3')

let sdk: Promise<S3Sdk> | null = null

const quiet = (): void => undefined
const SILENT_LOGGER = { trace: quiet, debug: quiet, info: quiet, warn: quiet, error: quiet }

/**
 * The AWS SDK, loaded on first use: commands that never touch S3 (list, show, a sync that has
 * nothing to do) do not pay for loading it.
 */
export function loadS3Sdk(): Promise<S3Sdk> {
  // The engine runs on Node 20 by design; the SDK's "upgrade Node" notice would only confuse podcasters.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'
  // required, not imported dynamically: see platform/compile-cache.ts
  sdk ??= Promise.resolve().then(() => requireLazily('@aws-sdk/client-s3') as S3Sdk)
  return sdk
}

export interface S3ConnectionSettings {
  endpoint?: string
  region: string
  forcePathStyle: boolean
  /** A socket silent this long fails the request (a stall), which is then retried. */
  requestTimeoutMs: number
  /** Sockets open at once to this endpoint. */
  maxSockets: number
}

/**
 * A client for AWS S3 or any S3-compatible server. Checksums only where S3 requires them: with
 * the SDK's default ("when supported"), a streamed body goes out aws-chunked with a trailer, which
 * S3-compatible servers such as s3rver store as part of the object. Castdesk checks every upload
 * itself (Content-MD5 and the returned ETag). Retries are Castdesk's own (see retry.ts), so the
 * SDK makes one attempt per call.
 */
export async function createS3Client(
  settings: S3ConnectionSettings,
  credentials: S3Credentials,
): Promise<{ sdk: S3Sdk; client: S3Client }> {
  const loaded = await loadS3Sdk()
  const client = new loaded.S3Client({
    endpoint: settings.endpoint,
    region: settings.region,
    forcePathStyle: settings.forcePathStyle,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: credentials.sessionToken,
    },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: 1,
    // Failures reach the caller as errors; the SDK's own console warnings would only be noise.
    logger: SILENT_LOGGER,
    requestHandler: {
      // Inactivity, not total duration: a long upload is fine as long as bytes keep moving.
      socketTimeout: settings.requestTimeoutMs,
      connectionTimeout: Math.min(settings.requestTimeoutMs, 10_000),
      httpAgent: { keepAlive: true, maxSockets: settings.maxSockets },
      httpsAgent: { keepAlive: true, maxSockets: settings.maxSockets },
    },
  })
  return { sdk: loaded, client }
}
