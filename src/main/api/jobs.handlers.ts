import type { ApiHandlers } from '../../shared/api'
import type { Library } from '../library/library'

export function jobHandlers(library: Library): Pick<ApiHandlers, 'jobs.list' | 'jobs.run'> {
  return {
    'jobs.list': async ({ state }, { user }) => library.jobsRepo.list(user.id, state),
    'jobs.run': async () => library.jobs.runUntilIdle(),
  }
}
