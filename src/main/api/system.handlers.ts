import type { ApiHandlers } from '../../shared/api'
import { runDoctor } from '../doctor/doctor'
import type { Library } from '../library/library'
import { readLogEntries } from '../logging/log-reader'

export function systemHandlers(
  library: Library,
  env: NodeJS.ProcessEnv = process.env,
): Pick<ApiHandlers, 'system.doctor' | 'system.logs'> {
  return {
    'system.doctor': async () => runDoctor(library.dir, env, library.keychainCheck),
    'system.logs': async ({ level, limit }) => readLogEntries(library.log.dir, level, limit),
  }
}
