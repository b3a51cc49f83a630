import { z } from 'zod'
import { catalogInputs } from '../../shared/api/catalog.api'
import { imagesInputs } from '../../shared/api/images.api'
import { jobsInputs } from '../../shared/api/jobs.api'
import { searchInputs } from '../../shared/api/search.api'
import type { MediaType } from '../../shared/media'

/**
 * The schemas REST routes validate their path, query and bodies with, built from the contract's
 * own input schemas wherever a route maps onto one operation (query strings only add coercion).
 * `/api/openapi.json` is generated from these.
 */

/** URL segment → media type, as django-cast names its endpoints. */
export const REST_TYPES = {
  images: 'image',
  audios: 'audio',
  videos: 'video',
  files: 'file',
} as const satisfies Record<string, MediaType>
export type RestType = keyof typeof REST_TYPES

export const MAX_PAGE_SIZE = 200

const repeated = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : [value]))

export const idParams = z.object({ id: z.coerce.number().int().positive() }).strict()

export const listQuery = z
  .object({
    page: z.coerce.number().int().min(1).optional(),
    /** Items per page (default 40); more than 200 gives 200, as django-cast does. */
    pageSize: z.coerce
      .number()
      .int()
      .min(1)
      .optional()
      .transform((size) => (size === undefined ? undefined : Math.min(size, MAX_PAGE_SIZE))),
    q: catalogInputs['media.page'].shape.q,
    /** Repeat for several tags: items carrying all of them. */
    tag: repeated.optional(),
  })
  .strict()

export const patchBody = catalogInputs['media.update'].omit({ id: true })

export const renditionQuery = imagesInputs['images.rendition'].omit({ id: true })

export const searchQuery = searchInputs['search.query']
  .omit({ limit: true })
  .extend({ limit: z.coerce.number().int().min(1).max(200).optional() })

export const jobsQuery = jobsInputs['jobs.list']

export const callParams = z.object({ name: z.string().regex(/^[a-z]+\.[a-zA-Z]+$/) }).strict()

/** Text fields that may come with an upload (repeat `tags`, or separate them with commas). */
export const uploadFields = catalogInputs['media.upload']
  .pick({ title: true, subtitle: true })
  .extend({
    tags: repeated
      .transform((list) =>
        list
          .flatMap((tag) => tag.split(','))
          .map((tag) => tag.trim())
          .filter(Boolean),
      )
      .pipe(catalogInputs['media.upload'].shape.tags.unwrap())
      .optional(),
  })
  .strict()
