import { z } from 'zod'
import { type CastdeskConfig, configSchema } from '../config-schema'

/**
 * The library's settings (`castdesk.config.json`), validated by the very schema the library reads
 * it with. The file holds no secrets: S3 keys come from the environment or the desktop keychain.
 */
export const configInputs = {
  'config.show': z.object({}).strict(),
  'config.update': z
    .object({
      /** The whole new config (keys left out get their defaults). */
      config: configSchema,
      /** The `revision` config.show gave: refused if the file changed since (someone else edited it). */
      revision: z.string().optional(),
    })
    .strict(),
} as const

export interface ConfigState {
  /** The file as the library reads it, every default filled in. */
  config: CastdeskConfig
  /** Where it is. */
  path: string
  /** SHA-256 of the file's bytes ("" while there is no file): pass it back to config.update. */
  revision: string
  /**
   * Settings saved but not in use until the library is opened again (restart `castdesk serve` or
   * the app): top-level keys, or `storages.default`. Other storages take effect at once.
   */
  restartNeeded: string[]
}

export interface ConfigOutputs {
  'config.show': ConfigState
  'config.update': ConfigState
}
