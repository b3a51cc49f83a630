import { isAbsolute, join } from 'node:path'
import type { CastdeskConfig } from '../../shared/config-schema'
import { CastdeskError } from '../../shared/errors'
import { LocalStorage } from './local-storage'
import type { Storage } from './storage'

/** Builds the named storage from the library's config. */
export function createStorage(name: string, config: CastdeskConfig, libraryDir: string): Storage {
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
  throw new CastdeskError(
    'invalid_config',
    `Storage "${name}" is an S3 storage; this version of Castdesk cannot use S3 storages yet. Use a local storage for "${name}".`,
  )
}
