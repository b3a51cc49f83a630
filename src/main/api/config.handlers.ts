import { join } from 'node:path'
import type { ApiHandlers } from '../../shared/api'
import type { ConfigState } from '../../shared/api/config.api'
import type { CastdeskConfig } from '../../shared/config-schema'
import { CastdeskError } from '../../shared/errors'
import { CONFIG_FILE_NAME, configRevision, readConfig, writeConfig } from '../library/config-file'
import type { Library } from '../library/library'

/** The library's settings: read from and written to castdesk.config.json (never secrets). */
export function configHandlers(library: Library): Pick<ApiHandlers, 'config.show' | 'config.update'> {
  const state = (config: CastdeskConfig): ConfigState => ({
    config,
    path: join(library.dir, CONFIG_FILE_NAME),
    revision: configRevision(library.dir),
    restartNeeded: restartNeeded(library.config, config),
  })
  return {
    'config.show': async () => state(readConfig(library.dir)),
    'config.update': async ({ config, revision }) => {
      if (revision !== undefined && revision !== configRevision(library.dir)) {
        throw new CastdeskError(
          'invalid_input',
          `${CONFIG_FILE_NAME} changed since you opened it (edited elsewhere). Reload the settings and make your change again.`,
        )
      }
      await writeConfig(library.dir, config)
      library.storages.registry.reconfigure(config)
      library.log.info('config.updated', { restartNeeded: restartNeeded(library.config, config) })
      return state(config)
    },
  }
}

/** What differs from the config the library runs with, and waits for it to be opened again. */
export function restartNeeded(running: CastdeskConfig, saved: CastdeskConfig): string[] {
  const keys = Object.keys(saved) as (keyof CastdeskConfig)[]
  const changed: string[] = keys.filter(
    (key) => key !== 'storages' && JSON.stringify(running[key]) !== JSON.stringify(saved[key]),
  )
  if (JSON.stringify(running.storages.default) !== JSON.stringify(saved.storages.default)) {
    changed.push('storages.default')
  }
  return changed
}
