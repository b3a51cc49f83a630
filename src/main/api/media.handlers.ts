import type { ApiHandlers } from '../../shared/api'
import { CastdeskError } from '../../shared/errors'
import { isoNow } from '../library/clock'
import type { Library } from '../library/library'

type MediaOps = 'media.import' | 'media.list' | 'media.show' | 'media.delete' | 'media.verify'

export function mediaHandlers(library: Library): Pick<ApiHandlers, MediaOps> {
  const notFound = (id: number) => new CastdeskError('not_found', `There is no item ${id} in your library.`)
  return {
    'media.import': async ({ paths }, { user, onProgress }) =>
      library.importer.importPaths(user.id, paths, {
        onProgress: ({ done, found, outcome }) =>
          onProgress?.({
            operation: 'media.import',
            done,
            total: found,
            detail: `${outcome.status}: ${outcome.path}`,
          }),
      }),
    'media.list': async (filter, { user }) => library.mediaRead.list(user.id, filter),
    'media.show': async ({ id }, { user }) => {
      const item = library.mediaRead.get(user.id, id)
      if (!item) throw notFound(id)
      return item
    },
    'media.delete': async ({ id }, { user }) => {
      const blobs = library.blobs.forMedia(id)
      if (!library.mediaWrite.deleteMedia(user.id, id)) throw notFound(id)
      for (const blob of blobs) await library.storage.delete(blob.key)
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
