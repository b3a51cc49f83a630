import type { ApiHandlers } from '../../shared/api'
import type { Library } from '../library/library'
import { audioHandlers } from './audio.handlers'
import { withCallLog } from './call-log'
import { catalogHandlers } from './catalog.handlers'
import { configHandlers } from './config.handlers'
import { feedHandlers } from './feeds.handlers'
import { imageHandlers } from './images.handlers'
import { jobHandlers } from './jobs.handlers'
import { libraryBackupHandlers } from './library-backup.handlers'
import { mediaHandlers } from './media.handlers'
import { podcastHandlers } from './podcasts.handlers'
import { quarantineHandlers } from './quarantine.handlers'
import { searchHandlers } from './search.handlers'
import { storageHandlers } from './storage.handlers'
import { systemHandlers } from './system.handlers'
import { tokenHandlers } from './tokens.handlers'
import { userHandlers } from './users.handlers'
import { videoHandlers } from './video.handlers'

/** Every operation of the contract, implemented once; tsc rejects a missing or extra one. */
export function createHandlers(library: Library): ApiHandlers {
  return withCallLog(library.log, {
    ...userHandlers(library),
    ...mediaHandlers(library),
    ...jobHandlers(library),
    ...imageHandlers(library),
    ...systemHandlers(library),
    ...storageHandlers(library),
    ...videoHandlers(library),
    ...catalogHandlers(library),
    ...searchHandlers(library),
    ...tokenHandlers(library),
    ...audioHandlers(library),
    ...configHandlers(library),
    ...podcastHandlers(library),
    ...libraryBackupHandlers(library),
    ...quarantineHandlers(library),
    ...feedHandlers(library),
  })
}
