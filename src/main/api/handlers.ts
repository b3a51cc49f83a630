import type { ApiHandlers } from '../../shared/api'
import type { Library } from '../library/library'
import { imageHandlers } from './images.handlers'
import { jobHandlers } from './jobs.handlers'
import { mediaHandlers } from './media.handlers'
import { userHandlers } from './users.handlers'

/** Every operation of the contract, implemented once; tsc rejects a missing or extra one. */
export function createHandlers(library: Library): ApiHandlers {
  return {
    ...userHandlers(library),
    ...mediaHandlers(library),
    ...jobHandlers(library),
    ...imageHandlers(library),
  }
}
