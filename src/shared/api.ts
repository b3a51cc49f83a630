import { z } from 'zod'
import type { ImportOutcome, JobInfo, MediaItem, User } from './media'
import { MEDIA_TYPES } from './media'

/**
 * The one contract every door (IPC, REST, CLI) calls. Each operation is named once here as
 * `domain.verb` with the zod schema of its input; handlers are typed against it.
 */

const id = z.number().int().positive()

export const inputs = {
  'users.add': z.object({ name: z.string().trim().min(1).max(64) }).strict(),
  'users.list': z.object({}).strict(),
  'media.import': z.object({ paths: z.array(z.string().min(1)).min(1) }).strict(),
  'media.list': z
    .object({
      type: z.enum(MEDIA_TYPES).optional(),
      limit: z.number().int().positive().max(100_000).optional(),
      offset: z.number().int().min(0).optional(),
    })
    .strict(),
  'media.show': z.object({ id }).strict(),
  'media.delete': z.object({ id }).strict(),
  'media.verify': z.object({ id: id.optional() }).strict(),
  'jobs.list': z.object({ state: z.enum(['queued', 'running', 'done', 'failed']).optional() }).strict(),
  'jobs.run': z.object({}).strict(),
} as const

export interface Outputs {
  'users.add': User
  'users.list': User[]
  'media.import': ImportOutcome[]
  'media.list': MediaItem[]
  'media.show': MediaItem
  'media.delete': { id: number; deleted: true }
  'media.verify': { queued: number }
  'jobs.list': JobInfo[]
  'jobs.run': { done: number; failed: number; retried: number }
}

export type ApiName = keyof typeof inputs
export type ApiInput<N extends ApiName> = z.input<(typeof inputs)[N]>
export type ApiParsedInput<N extends ApiName> = z.output<(typeof inputs)[N]>
export type ApiOutput<N extends ApiName> = Outputs[N]

export const API_NAMES = Object.keys(inputs) as ApiName[]

/** Progress of a long operation, as every door reports it. */
export interface ProgressEvent {
  operation: ApiName
  done: number
  total: number
  /** One line a person can read, e.g. the file just finished. */
  detail?: string
}

export interface CallContext {
  /** The acting user: every read and write is scoped to them. */
  user: User
  onProgress?: (event: ProgressEvent) => void
}

export type ApiHandlers = {
  [N in ApiName]: (input: ApiParsedInput<N>, context: CallContext) => Promise<ApiOutput<N>>
}
