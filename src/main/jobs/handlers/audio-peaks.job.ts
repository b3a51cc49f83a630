import { isCastdeskError } from '../../../shared/errors'
import type { AudioPeaksService } from '../../library/services/audio-peaks.service'
import type { JobHandler } from '../job-kinds'

/** Computes an Audio's waveform peaks unless they are stored already; a deleted Audio is skipped. */
export function audioPeaksJob(peaks: AudioPeaksService): JobHandler<'audio.peaks'> {
  return async ({ ownerId, audioId }, context) => {
    try {
      const { computed, stored } = await peaks.ensure(ownerId, audioId)
      context.progress(1)
      return { status: 'done', result: { computed, peaks: stored.data.length / 2 } }
    } catch (error) {
      if (isCastdeskError(error) && error.code === 'not_found') {
        return { status: 'skipped', reason: `audio ${audioId} no longer exists or has no file` }
      }
      throw error
    }
  }
}
