import { z } from 'zod'
import type { ImportOutcome, MediaItem } from '../media'
import { MEDIA_TYPES } from '../media'
import { id } from './common'

export const mediaInputs = {
  'media.import': z.object({ paths: z.array(z.string().min(1)).min(1) }).strict(),
  'media.list': z
    .object({
      type: z.enum(MEDIA_TYPES).optional(),
      limit: z.int().positive().max(100_000).optional(),
      offset: z.int().min(0).optional(),
    })
    .strict(),
  'media.show': z.object({ id }).strict(),
  'media.delete': z.object({ id }).strict(),
  'media.verify': z.object({ id: id.optional() }).strict(),
} as const

export interface MediaOutputs {
  'media.import': ImportOutcome[]
  'media.list': MediaItem[]
  'media.show': MediaItem
  'media.delete': { id: number; deleted: true }
  'media.verify': { queued: number }
}
