import type { ApiHandlers } from '../../shared/api'
import type { Library } from '../library/library'
import { recalcVideoPosters } from '../maintenance/recalc-video-posters'

type VideoOps = 'video.poster' | 'video.recalcPosters'

export function videoHandlers(library: Library): Pick<ApiHandlers, VideoOps> {
  const { videos, posters } = library.video
  return {
    'video.poster': async ({ id, seconds }, { user }) => {
      const made = await posters.make(user.id, id, seconds)
      return {
        id,
        poster_seconds: made.posterSeconds,
        poster: {
          image_id: made.imageId,
          key: made.key,
          path: library.storage.localPath(made.key),
          width: made.width,
          height: made.height,
          seconds: made.seconds,
        },
        replaced: made.replaced,
      }
    },
    'video.recalcPosters': async ({ all }, { user, onProgress }) =>
      recalcVideoPosters({ videos, posters }, user.id, {
        all,
        onProgress: (done, total, detail) =>
          onProgress?.({ operation: 'video.recalcPosters', done, total, detail }),
      }),
  }
}
