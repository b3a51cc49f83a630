import { randomBytes } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { openDatabase } from '../../../../src/main/library/database'
import { MultipartUploadsRepository } from '../../../../src/main/library/repositories/multipart-uploads.repository'
import type { S3StorageConfig } from '../../../../src/main/storage/s3-settings'
import { createS3Storage, type S3Storage } from '../../../../src/main/storage/s3-storage'
import { configSchema } from '../../../../src/shared/config-schema'
import { S3RVER_KEY } from './s3-server'

/** Backoff sleeps shortened 50×, so that retry tests take milliseconds, not seconds. */
export const fastRetries = { sleep: (ms: number) => new Promise<void>((r) => setTimeout(r, ms / 50)) }

/** An S3 storage entry of castdesk.config.json, parsed with its defaults. */
export function s3Config(
  endpoint: string,
  bucket: string,
  extra: Record<string, unknown> = {},
): S3StorageConfig {
  const parsed = configSchema.parse({
    storages: {
      default: { type: 'local', location: 'media' },
      x: { type: 's3', bucket, endpoint, forcePathStyle: true, ...extra },
    },
  })
  return parsed.storages.x as S3StorageConfig
}

export function credentialsEnv(name: string, keyId = S3RVER_KEY): Record<string, string> {
  const prefix = `CASTDESK_S3_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_`
  return { [`${prefix}ACCESS_KEY_ID`]: keyId, [`${prefix}SECRET_ACCESS_KEY`]: 'any-secret' }
}

/** An S3 storage with its multipart checkpoints in a real library database under `dir`. */
export function makeS3Storage(
  dir: string,
  name: string,
  config: S3StorageConfig,
  env: NodeJS.ProcessEnv = credentialsEnv(name),
): { storage: S3Storage; checkpoints: MultipartUploadsRepository; close: () => void } {
  const db = openDatabase(join(dir, 'library.sqlite'))
  const checkpoints = new MultipartUploadsRepository(db, () => new Date().toISOString())
  const storage = createS3Storage(name, config, join(dir, 'staging'), {
    env,
    checkpoints,
    retryHooks: fastRetries,
  })
  return { storage, checkpoints, close: () => db.close() }
}

/** Writes `size` random bytes to `path` (folders created). */
export function writeRandom(path: string, size: number): Buffer {
  mkdirSync(dirname(path), { recursive: true })
  const data = randomBytes(size)
  writeFileSync(path, data)
  return data
}
