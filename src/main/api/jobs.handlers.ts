import type { ApiHandlers } from '../../shared/api'
import { CastdeskError } from '../../shared/errors'
import { isoNow } from '../library/clock'
import type { Library } from '../library/library'

export function jobHandlers(library: Library): Pick<ApiHandlers, 'jobs.list' | 'jobs.run' | 'jobs.retry'> {
  return {
    'jobs.list': async ({ state }, { user }) => library.jobsRepo.list(user.id, state),
    'jobs.run': async () => library.jobs.runUntilIdle(),
    'jobs.retry': async ({ id }, { user }) => {
      if (!library.jobsRepo.retry(user.id, id, isoNow(library.clock))) {
        throw new CastdeskError('not_found', `You have no failed job #${id} to retry.`)
      }
      return { id, state: 'queued' }
    },
  }
}
