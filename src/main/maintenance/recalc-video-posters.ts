import { type ErrorBody, toErrorBody } from '../../shared/errors'
import type { VideoRepository } from '../library/repositories/video.repository'
import type { VideoPosterService } from '../library/services/video-poster.service'

export interface RecalcVideoPostersResult {
  /** Videos worked on (those that failed included). */
  processed: number
  errors: number
  failures: ({ id: number } & ErrorBody)[]
}

/**
 * django-cast's `recalc_video_posters` for one owner: makes the posters that are missing (every
 * poster with `all`, at each video's poster_seconds), one video at a time, and goes on after a
 * video that fails.
 */
export async function recalcVideoPosters(
  deps: { videos: VideoRepository; posters: VideoPosterService },
  ownerId: number,
  options: { all: boolean; onProgress?: (done: number, total: number, detail: string) => void },
): Promise<RecalcVideoPostersResult> {
  const ids = deps.videos.ids(ownerId, options.all)
  const result: RecalcVideoPostersResult = { processed: 0, errors: 0, failures: [] }
  for (const id of ids) {
    let detail = `#${id}`
    try {
      const poster = await deps.posters.make(ownerId, id)
      detail = `#${id} at ${poster.seconds} s`
    } catch (error) {
      result.errors++
      result.failures.push({ id, ...toErrorBody(error) })
      detail = `#${id} failed`
    }
    result.processed++
    options.onProgress?.(result.processed, ids.length, detail)
  }
  return result
}
