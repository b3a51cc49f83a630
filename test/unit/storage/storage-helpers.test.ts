import { describe, expect, it } from 'vitest'
import { sizeCategory } from '../../../src/main/maintenance/size-categories'
import { selectStale, underPrefixes } from '../../../src/main/maintenance/stale-selection'
import { credentialsFromEnv, envPrefixFor } from '../../../src/main/storage/s3-credentials'
import { partSizeFor } from '../../../src/main/storage/s3-multipart'
import { MANAGED_PREFIXES } from '../../../src/main/storage/storage-keys'
import { ProgressMeter } from '../../../src/main/storage/sync/progress-meter'

const MiB = 1024 * 1024

describe('media_stale selection', () => {
  it('selects unreferenced files under managed prefixes only', () => {
    const files = [
      'cast_audio/a.mp3',
      'cast_audio/b.mp3',
      'cast_audio_old/c.mp3',
      'site/index.html',
      '/images/r.jpg',
    ]
    const stale = selectStale(
      files.map((key) => ({ key })),
      new Set(['cast_audio/a.mp3']),
      MANAGED_PREFIXES,
    )
    expect(stale.map((f) => f.key)).toEqual(['/images/r.jpg', 'cast_audio/b.mp3'])
    expect(underPrefixes('cast_transcript_speakers/x.json', MANAGED_PREFIXES)).toBe(true)
    expect(underPrefixes('cast_audio', MANAGED_PREFIXES)).toBe(false)
  })
})

describe('media_sizes categories', () => {
  it('goes by the recorded MIME type, else by extension like django-cast (plus audio)', () => {
    expect(sizeCategory('cast_files/x.bin', 'video/mp4')).toBe('video')
    expect(sizeCategory('cast_videos/a.MOV')).toBe('video')
    expect(sizeCategory('original_images/a.JPeG')).toBe('image')
    expect(sizeCategory('cast_audio/a.opus')).toBe('audio')
    expect(sizeCategory('cast_files/a.pdf', 'application/pdf')).toBe('misc')
    expect(sizeCategory('noextension')).toBe('misc')
  })
})

describe('multipart part size', () => {
  it('keeps the configured size while the file fits in 10,000 parts, else grows in whole MiB', () => {
    expect(partSizeFor(100 * MiB, 8 * MiB)).toBe(8 * MiB)
    expect(partSizeFor(100_000 * MiB, 8 * MiB)).toBe(10 * MiB)
    expect(Math.ceil((100_000 * MiB + 1) / partSizeFor(100_000 * MiB + 1, 8 * MiB))).toBeLessThanOrEqual(
      10_000,
    )
  })
})

describe('transfer progress', () => {
  it('reports files, bytes, rate and ETA from the time it is given', () => {
    const meter = new ProgressMeter(2, 1000, 0)
    meter.bytes('a', 250, 1000)
    expect(meter.fileDone('a', 1000)).toMatchObject({
      filesDone: 1,
      bytesDone: 250,
      bytesPerSecond: 250,
      etaSeconds: 3,
    })
    meter.bytes('b', 500, 2000)
    meter.bytes('b', 750, 3000)
    expect(meter.snapshot(3000)).toMatchObject({ bytesDone: 1000, etaSeconds: 0 })
  })
})

describe('S3 credentials from the environment', () => {
  it('prefers the storage’s own variables, then the AWS ones', () => {
    expect(envPrefixFor('s3-backup')).toBe('CASTDESK_S3_S3_BACKUP_')
    const env = {
      CASTDESK_S3_PRODUCTION_ACCESS_KEY_ID: 'AKIA1',
      CASTDESK_S3_PRODUCTION_SECRET_ACCESS_KEY: 's1',
      AWS_ACCESS_KEY_ID: 'AKIA2',
      AWS_SECRET_ACCESS_KEY: 's2',
    }
    expect(credentialsFromEnv(env)('production')).toMatchObject({
      accessKeyId: 'AKIA1',
      source: 'CASTDESK_S3_PRODUCTION_ACCESS_KEY_ID',
    })
    expect(credentialsFromEnv(env)('backup')).toMatchObject({
      accessKeyId: 'AKIA2',
      source: 'AWS_ACCESS_KEY_ID',
    })
    expect(credentialsFromEnv({})('backup')).toBeNull()
    expect(() => credentialsFromEnv({ CASTDESK_S3_BACKUP_ACCESS_KEY_ID: 'x' })('backup')).toThrow(/only half/)
  })
})
