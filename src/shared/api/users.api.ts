import { z } from 'zod'
import type { User } from '../media'

export const usersInputs = {
  'users.add': z.object({ name: z.string().trim().min(1).max(64) }).strict(),
  'users.list': z.object({}).strict(),
} as const

export interface UsersOutputs {
  'users.add': User
  'users.list': User[]
}
