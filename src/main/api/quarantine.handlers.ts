import type { ApiHandlers } from '../../shared/api'
import type { Library } from '../library/library'
import { listQuarantine, purgeQuarantine, restoreQuarantine } from '../storage/quarantine/quarantine.service'
import type { Storage } from '../storage/storage'

/** castdesk quarantine list|restore|purge: library-wide (the owner only over HTTP). */
export function quarantineHandlers(
  library: Library,
): Pick<ApiHandlers, 'quarantine.list' | 'quarantine.restore' | 'quarantine.purge'> {
  const { registry } = library.storages
  const keepDays = library.config.quarantineDays
  const storagesNamed = (name: string | undefined, what: string): Storage[] => {
    const names = name ? [name] : registry.names()
    registry.require(names, what)
    return names.map((n) => registry.get(n))
  }
  return {
    'quarantine.list': async ({ storage }) =>
      listQuarantine(storagesNamed(storage, 'quarantine list'), keepDays),
    'quarantine.restore': async ({ batch, storage, keys, path }) =>
      restoreQuarantine(storagesNamed(storage, 'quarantine restore'), { batch, keys, path }),
    'quarantine.purge': async ({ storage, batch, all }) =>
      purgeQuarantine(storagesNamed(storage, 'quarantine purge'), {
        now: library.clock.now(),
        keepDays,
        batch,
        all,
      }),
  }
}
