import { z } from 'zod'
import type { VideoPoster } from '../media'
import { id } from './common'

export const videoInputs = {
  /**
   * Makes the video's poster again at `seconds` (which becomes its poster_seconds; default: the
   * current poster_seconds), clamped into the video. The new poster replaces the old one.
   */
  'video.poster': z.object({ id, seconds: z.number().min(0).optional() }).strict(),
  /** django-cast's recalc_video_posters for the acting user: missing posters, or all with `all`. */
  'video.recalcPosters': z.object({ all: z.boolean().default(false) }).strict(),
} as const

export interface VideoOutputs {
  'video.poster': { id: number; poster_seconds: number; poster: VideoPoster; replaced: boolean }
  'video.recalcPosters': {
    processed: number
    errors: number
    failures: { id: number; code: string; message: string }[]
  }
}
