import type { AudioEncodeService } from '../../library/services/audio-encode.service'
import type { JobHandler } from '../job-kinds'

/** How often a running encode looks for a cancel request made by another process. */
const CANCEL_POLL_MS = 500

/** Encodes an Audio's episode files; a cancel request (`audio cancel-encode`, the app) stops it. */
export function audioEncodeJob(deps: {
  encoder: AudioEncodeService
  cancelRequested: (jobId: number) => boolean
}): JobHandler<'audio.encode'> {
  return async ({ ownerId, audioId, ...options }, context) => {
    const controller = new AbortController()
    const poll = setInterval(() => {
      if (deps.cancelRequested(context.jobId)) controller.abort()
    }, CANCEL_POLL_MS)
    try {
      const result = await deps.encoder.encode(ownerId, audioId, options, {
        signal: controller.signal,
        onProgress: (fraction) => context.progress(fraction),
      })
      return { status: 'done', result }
    } finally {
      clearInterval(poll)
    }
  }
}
