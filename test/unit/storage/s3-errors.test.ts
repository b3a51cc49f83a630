import { describe, expect, it } from 'vitest'
import { RetriesExhausted } from '../../../src/main/storage/retry'
import { ChecksumMismatch, isRetryableS3Error, toStorageError } from '../../../src/main/storage/s3-errors'
import { CastdeskError } from '../../../src/shared/errors'

const sdkError = (name: string, status?: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status }, ...extra })
const context = {
  storage: 'production',
  bucket: 'shows',
  endpoint: 'https://s3.example.org',
  credentialSource: 'CASTDESK_S3_PRODUCTION_ACCESS_KEY_ID',
}

describe('S3 errors', () => {
  it('retries 5xx, 429, throttling, resets, timeouts and bad checksums, not 4xx', () => {
    expect(isRetryableS3Error(sdkError('InternalError', 500))).toBe(true)
    expect(isRetryableS3Error(sdkError('SlowDown', 503))).toBe(true)
    expect(isRetryableS3Error(sdkError('TooManyRequests', 429))).toBe(true)
    expect(isRetryableS3Error(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }))).toBe(true)
    expect(isRetryableS3Error(sdkError('TimeoutError'))).toBe(true)
    expect(isRetryableS3Error(new ChecksumMismatch('x'))).toBe(true)
    expect(isRetryableS3Error(sdkError('AccessDenied', 403))).toBe(false)
    expect(isRetryableS3Error(sdkError('NoSuchBucket', 404))).toBe(false)
    expect(isRetryableS3Error(new CastdeskError('storage_denied', 'no credentials'))).toBe(false)
  })

  it('names the missing permission and the bucket for each operation that gets a 403', () => {
    const cases = [
      ['PutObject', 's3:PutObject'],
      ['UploadPart', 's3:PutObject'],
      ['GetObject', 's3:GetObject'],
      ['HeadObject', 's3:GetObject'],
      ['DeleteObject', 's3:DeleteObject'],
      ['ListObjectsV2', 's3:ListBucket'],
    ] as const
    for (const [operation, permission] of cases) {
      const error = toStorageError(sdkError('AccessDenied', 403), {
        ...context,
        operation,
        key: 'cast_audio/a.mp3',
      })
      expect(error.code).toBe('storage_denied')
      expect(error.message).toContain(`Storage "production" was denied ${permission} on bucket "shows"`)
    }
  })

  it('says which variable holds an unknown access key id', () => {
    const error = toStorageError(sdkError('InvalidAccessKeyId', 403), {
      ...context,
      operation: 'ListObjectsV2',
    })
    expect(error).toMatchObject({ code: 'storage_denied' })
    expect(error.message).toContain('CASTDESK_S3_PRODUCTION_ACCESS_KEY_ID')
  })

  it('tells a missing bucket, an unreachable endpoint and a server that keeps failing apart', () => {
    expect(
      toStorageError(sdkError('NoSuchBucket', 404), { ...context, operation: 'PutObject', key: 'k' }),
    ).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('The bucket "shows" of storage "production" does not exist'),
    })
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
    expect(toStorageError(refused, { ...context, operation: 'HeadObject', key: 'k' })).toMatchObject({
      code: 'storage_unreachable',
      message: expect.stringContaining('https://s3.example.org'),
    })
    const exhausted = new RetriesExhausted(sdkError('SlowDown', 503), 6)
    expect(toStorageError(exhausted, { ...context, operation: 'PutObject', key: 'k' })).toMatchObject({
      code: 'storage_error',
      message: expect.stringContaining('after 6 attempts (HTTP 503 SlowDown'),
    })
  })
})
