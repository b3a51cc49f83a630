import type { ApiHandlers } from '../../shared/api'
import { CastdeskError } from '../../shared/errors'
import { isoNow } from '../library/clock'
import type { Library } from '../library/library'
import { trashItem } from './storage.handlers'

type MediaOps = 'media.import' | 'media.list' | 'media.show' | 'media.delete' | 'media.verify'

export function mediaHandlers(library: Library): Pick<ApiHandlers, MediaOps> {
  const notFound = (id: number) => new CastdeskError('not_found', `There is no item ${id} in your library.`)
  return {
    'media.import': async ({ paths }, { user, onProgress }) =>
      library.importer.importPaths(user.id, paths, {
        onProgress: ({ done, found, outcome }) => {
          const { path, status, id, type, error } = outcome
          if (error) library.log.warn('import.file', { user: user.name, path, status, ...error })
          else library.log.info('import.file', { user: user.name, path, status, id, type })
          onProgress?.({ operation: 'media.import', done, total: found, detail: `${status}: ${path}` })
        },
      }),
    'media.list': async (filter, { user }) => library.mediaRead.list(user.id, filter),
    'media.show': async ({ id }, { user }) => {
      const item = library.mediaRead.get(user.id, id)
      if (!item) throw notFound(id)
      return item
    },
    // Into the trash: hidden from its owner, files kept until `castdesk trash empty`.
    'media.delete': async ({ id }, { user }) => {
      if (!trashItem(library, user.id, id)) throw notFound(id)
      return { id, deleted: true }
    },
    'media.verify': async ({ id }, { user }) => {
      const items = id === undefined ? library.mediaRead.list(user.id) : [library.mediaRead.get(user.id, id)]
      let queued = 0
      for (const item of items) {
        if (!item) throw notFound(id as number)
        library.jobsRepo.enqueue('media.verify', { mediaId: item.id }, isoNow(library.clock), {
          dedupeKey: `media.verify:${item.id}`,
          ownerId: user.id,
        })
        queued++
      }
      return { queued }
    },
  }
}
