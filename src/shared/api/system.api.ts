import { z } from 'zod'

export const systemInputs = {
  /** Checks tools, image formats, the library, every storage and the limits; says what to fix. */
  'system.doctor': z.object({}).strict(),
  'system.logs': z
    .object({
      level: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
      limit: z.int().positive().max(10_000).default(200),
    })
    .strict(),
} as const

export interface DoctorCheck {
  id: string
  title: string
  status: 'ok' | 'warning' | 'error'
  message: string
  details?: Record<string, unknown>
}

export interface LogLine {
  time: string
  level: 'debug' | 'info' | 'warn' | 'error'
  event: string
  [field: string]: unknown
}

export interface SystemOutputs {
  'system.doctor': { ok: boolean; checks: DoctorCheck[] }
  'system.logs': LogLine[]
}
