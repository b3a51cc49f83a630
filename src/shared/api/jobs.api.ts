import { z } from 'zod'
import type { JobInfo } from '../media'

export const jobsInputs = {
  'jobs.list': z.object({ state: z.enum(['queued', 'running', 'done', 'failed']).optional() }).strict(),
  'jobs.run': z.object({}).strict(),
} as const

export interface JobsOutputs {
  'jobs.list': JobInfo[]
  'jobs.run': { done: number; failed: number; retried: number }
}
