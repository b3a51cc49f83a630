import { isCastdeskError } from '../../../shared/errors'
import type { VideoPosterService } from '../../library/services/video-poster.service'
import type { JobHandler } from '../job-kinds'

/** Makes the poster of a video that has none (queued when the video is imported). */
export function videoPosterJob(posters: VideoPosterService): JobHandler<'video.poster'> {
  return async ({ ownerId, videoId }, context) => {
    let made: Awaited<ReturnType<VideoPosterService['ensure']>>
    try {
      made = await posters.ensure(ownerId, videoId)
    } catch (error) {
      if (isCastdeskError(error) && error.code === 'not_found')
        return { status: 'skipped', reason: `video ${videoId} no longer exists` }
      throw error
    }
    context.progress(1)
    if (!made) return { status: 'skipped', reason: `video ${videoId} already has a poster` }
    return { status: 'done', result: { imageId: made.imageId, seconds: made.seconds } }
  }
}
