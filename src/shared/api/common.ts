import { z } from 'zod'

/** An item id as every operation takes it. */
export const id = z.int().positive()
