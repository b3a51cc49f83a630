import { z } from 'zod'
import type { JobInfo } from '../media'
import { id } from './common'

export const jobsInputs = {
  'jobs.list': z.object({ state: z.enum(['queued', 'running', 'done', 'failed']).optional() }).strict(),
  'jobs.run': z.object({}).strict(),
  /** Queues one of the acting user's failed jobs again, with fresh attempts. */
  'jobs.retry': z.object({ id }).strict(),
} as const

export interface JobsOutputs {
  'jobs.list': JobInfo[]
  'jobs.run': { done: number; failed: number; retried: number }
  'jobs.retry': { id: number; state: 'queued' }
}
