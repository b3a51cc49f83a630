import { isCastdeskError } from '../../../shared/errors'
import type { AudioLoudnessService } from '../../library/services/audio-loudness.service'
import type { JobHandler } from '../job-kinds'

/** Measures the loudness of an Audio's files not measured yet; a deleted Audio is skipped. */
export function audioLoudnessJob(loudness: AudioLoudnessService): JobHandler<'audio.loudness'> {
  return async ({ ownerId, audioId }, context) => {
    try {
      await loudness.ensure(ownerId, audioId, { onProgress: (f) => context.progress(f) })
      return { status: 'done' }
    } catch (error) {
      if (isCastdeskError(error) && error.code === 'not_found') {
        return { status: 'skipped', reason: `audio ${audioId} no longer exists` }
      }
      throw error
    }
  }
}
