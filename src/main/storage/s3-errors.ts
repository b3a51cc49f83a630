import { CastdeskError } from '../../shared/errors'
import { RetriesExhausted } from './retry'

/** The S3 calls Castdesk makes; each needs one IAM permission. */
export type S3Operation =
  | 'HeadObject'
  | 'GetObject'
  | 'PutObject'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'CompleteMultipartUpload'
  | 'AbortMultipartUpload'
  | 'ListObjectsV2'
  | 'DeleteObject'
  | 'CopyObject'

const PERMISSION: Record<S3Operation, string> = {
  HeadObject: 's3:GetObject',
  GetObject: 's3:GetObject',
  PutObject: 's3:PutObject',
  CreateMultipartUpload: 's3:PutObject',
  UploadPart: 's3:PutObject',
  CompleteMultipartUpload: 's3:PutObject',
  AbortMultipartUpload: 's3:AbortMultipartUpload',
  ListObjectsV2: 's3:ListBucket',
  DeleteObject: 's3:DeleteObject',
  CopyObject: 's3:GetObject and s3:PutObject',
}

const DOING: Record<S3Operation, string> = {
  HeadObject: 'reading',
  GetObject: 'downloading',
  PutObject: 'uploading',
  CreateMultipartUpload: 'starting the upload of',
  UploadPart: 'uploading a part of',
  CompleteMultipartUpload: 'finishing the upload of',
  AbortMultipartUpload: 'abandoning the upload of',
  ListObjectsV2: 'listing',
  DeleteObject: 'deleting',
  CopyObject: 'moving into quarantine',
}

/** The stored bytes are not the bytes sent (the ETag is not their MD5): worth another try. */
export class ChecksumMismatch extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ChecksumMismatch'
  }
}

const RETRYABLE_CODES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalError',
  'ServiceUnavailable',
  'BadDigest',
  'TimeoutError',
])
const RETRYABLE_NETWORK = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ECONNABORTED'])
const UNREACHABLE_NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH'])

interface SdkErrorShape {
  name?: string
  code?: string
  Code?: string
  message?: string
  $metadata?: { httpStatusCode?: number }
}

export function httpStatusOf(error: unknown): number | undefined {
  return (error as SdkErrorShape | undefined)?.$metadata?.httpStatusCode
}

function codeOf(error: unknown): string {
  const shape = (error ?? {}) as SdkErrorShape
  return shape.Code ?? shape.code ?? shape.name ?? 'Error'
}

/** 5xx, throttling, resets, timeouts, a bad checksum: a later attempt may succeed. */
export function isRetryableS3Error(error: unknown): boolean {
  if (error instanceof CastdeskError) return false
  if (error instanceof ChecksumMismatch) return true
  const status = httpStatusOf(error)
  if (status !== undefined && (status >= 500 || status === 429)) return true
  const code = codeOf(error)
  if (RETRYABLE_CODES.has(code) || RETRYABLE_NETWORK.has(code)) return true
  const message = (error as SdkErrorShape | undefined)?.message ?? ''
  return /socket hang up|aborted|premature close|ECONNRESET|timed out|timeout/i.test(message)
}

export interface S3ErrorContext {
  storage: string
  bucket: string
  /** The endpoint as configured, or "AWS S3" */
  endpoint: string
  operation: S3Operation
  key?: string
  /** The variable the access key id came from. */
  credentialSource?: string
}

/** Any failure of an S3 call as a CastdeskError that names the storage and says what to do. */
export function toStorageError(thrown: unknown, context: S3ErrorContext): CastdeskError {
  if (thrown instanceof CastdeskError) return thrown
  const attempts = thrown instanceof RetriesExhausted ? thrown.attempts : 1
  const error = thrown instanceof RetriesExhausted ? thrown.lastError : thrown
  const { storage, bucket, operation } = context
  const status = httpStatusOf(error)
  const code = codeOf(error)
  const what = `${DOING[operation]} ${context.key ? `"${context.key}"` : `bucket "${bucket}"`}`
  const keyVars = context.credentialSource ?? 'the access key variables'
  const options = { cause: error }
  if (code === 'InvalidAccessKeyId') {
    return new CastdeskError(
      'storage_denied',
      `Storage "${storage}" does not know the access key id from ${keyVars} (InvalidAccessKeyId) at ${context.endpoint}: set it to an existing key of that server.`,
      options,
    )
  }
  if (code === 'SignatureDoesNotMatch') {
    return new CastdeskError(
      'storage_denied',
      `Storage "${storage}" rejected the secret access key belonging to ${keyVars} (SignatureDoesNotMatch): set the matching secret.`,
      options,
    )
  }
  if (status === 403 || code === 'AccessDenied') {
    return new CastdeskError(
      'storage_denied',
      `Storage "${storage}" was denied ${PERMISSION[operation]} on bucket "${bucket}" while ${what} (${code === 'Unknown' || code === 'Error' ? 'HTTP 403' : code}): allow ${PERMISSION[operation]} on bucket "${bucket}" for the access key from ${keyVars}, or check that key.`,
      options,
    )
  }
  if (code === 'NoSuchBucket') {
    return new CastdeskError(
      'not_found',
      `The bucket "${bucket}" of storage "${storage}" does not exist at ${context.endpoint}: create it, or fix "bucket" of "${storage}" in castdesk.config.json.`,
      options,
    )
  }
  if (code === 'NoSuchKey' || (status === 404 && context.key)) {
    return new CastdeskError('not_found', `No file "${context.key}" in storage "${storage}".`, options)
  }
  const message = (error as SdkErrorShape | undefined)?.message ?? String(error)
  if (error instanceof ChecksumMismatch) {
    return new CastdeskError(
      'storage_error',
      `Storage "${storage}" did not store "${context.key}" intact (${message}; ${attempts} attempts): the file may be changing while it is uploaded; try again when it is not.`,
      options,
    )
  }
  if (UNREACHABLE_NETWORK.has(code) || (status === undefined && isRetryableS3Error(error))) {
    return new CastdeskError(
      'storage_unreachable',
      `Storage "${storage}" is unreachable at ${context.endpoint} while ${what} (${message}${attempts > 1 ? `, ${attempts} attempts` : ''}): check "endpoint" of "${storage}" in castdesk.config.json and your network, then try again.`,
      options,
    )
  }
  const tries = attempts > 1 ? ` after ${attempts} attempts` : ''
  return new CastdeskError(
    'storage_error',
    `Storage "${storage}" failed while ${what}${tries} (${status ? `HTTP ${status} ` : ''}${code}: ${message}): try again later; if it keeps failing, check the server.`,
    options,
  )
}
