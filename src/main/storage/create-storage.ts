import { isAbsolute, join } from 'node:path'
import type { CastdeskConfig } from '../../shared/config-schema'
import { CastdeskError } from '../../shared/errors'
import { LocalStorage } from './local-storage'
import { createS3Storage, type S3StorageFactoryDeps } from './s3-storage'
import type { Storage } from './storage'

/** Builds the named storage from the library's config. */
export function createStorage(
  name: string,
  config: CastdeskConfig,
  libraryDir: string,
  deps: S3StorageFactoryDeps = {},
): Storage {
  const settings = config.storages[name]
  if (!settings) {
    throw new CastdeskError(
      'invalid_config',
      `No storage named "${name}" in castdesk.config.json. Configured: ${Object.keys(config.storages).join(', ')}.`,
    )
  }
  if (settings.type === 'local') {
    const root = isAbsolute(settings.location) ? settings.location : join(libraryDir, settings.location)
    return new LocalStorage(name, root, settings.publicBaseUrl)
  }
  return createS3Storage(name, settings, join(libraryDir, 'tmp', String(process.pid)), deps)
}
