import { existsSync, statSync } from 'node:fs'
import { basename, dirname, isAbsolute, resolve } from 'node:path'
import { storageConfigSchema } from '../../../shared/config-schema'
import { CastdeskError } from '../../../shared/errors'
import { readConfig } from '../../library/config-file'
import { createStorage } from '../../storage/create-storage'
import { LocalStorage } from '../../storage/local-storage'
import type { CredentialSource } from '../../storage/s3-credentials'
import { createS3Storage } from '../../storage/s3-storage'
import type { Storage } from '../../storage/storage'
import { SNAPSHOT_PREFIX } from '../snapshot-layout'

export interface SourceOptions {
  /** For `s3://bucket/prefix`: the endpoint of an S3-compatible server (default AWS). */
  endpoint?: string
  region?: string
  env: NodeJS.ProcessEnv
  credentials?: CredentialSource
  /** The library whose storage names SOURCE may be (CASTDESK_LIBRARY or the default one), if any. */
  currentLibraryDir?: string
  /** Where S3 uploads and downloads are staged. */
  stagingDir: string
}

/** S3 sources read their keys as the storage `backup` would: CASTDESK_S3_BACKUP_…, else AWS_…. */
export const S3_SOURCE_CREDENTIALS = 'backup'

/**
 * A backup location as a storage: a folder (the storage's root, or its castdesk-library folder),
 * `s3://bucket/prefix`, or the name of a storage in the current library's config.
 */
export function openSource(spec: string, options: SourceOptions): Storage {
  if (spec.startsWith('s3://')) {
    const rest = spec.slice('s3://'.length)
    const slash = rest.indexOf('/')
    const bucket = slash < 0 ? rest : rest.slice(0, slash)
    const prefix = slash < 0 ? '' : rest.slice(slash + 1)
    const parsed = storageConfigSchema.safeParse({
      type: 's3',
      bucket,
      prefix,
      endpoint: options.endpoint,
      region: options.region ?? 'us-east-1',
      forcePathStyle: options.endpoint !== undefined,
    })
    if (!parsed.success || parsed.data.type !== 's3') {
      throw new CastdeskError(
        'invalid_input',
        `"${spec}" is not a usable S3 location: write s3://BUCKET/PREFIX (and --endpoint URL for a server other than AWS).`,
      )
    }
    return createS3Storage(S3_SOURCE_CREDENTIALS, parsed.data, options.stagingDir, {
      env: options.env,
      credentials: options.credentials,
    })
  }
  const dir = options.currentLibraryDir
  const config = !looksLikePath(spec) && dir && existsSync(dir) ? readConfig(dir) : null
  if (dir && config?.storages[spec]) {
    return createStorage(spec, config, dir, { env: options.env, credentials: options.credentials })
  }
  const path = resolve(spec)
  if (!existsSync(path) || !statSync(path).isDirectory()) {
    throw new CastdeskError(
      'not_found',
      `"${spec}" is neither a folder, an s3://bucket/prefix location, nor a storage of the library${dir ? ` in ${dir}` : ''}. Name where the backup is.`,
    )
  }
  const root = basename(path) === SNAPSHOT_PREFIX.slice(0, -1) ? dirname(path) : path
  return new LocalStorage('source', root)
}

function looksLikePath(spec: string): boolean {
  return isAbsolute(spec) || spec.startsWith('.') || spec.includes('/') || spec.includes('\\')
}
