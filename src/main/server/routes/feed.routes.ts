import { z } from 'zod'
import { type Route, route } from '../route-table'
import type { ServerDeps } from '../server-deps'

const importBody = z
  .object({
    url: z.url({ protocol: /^https?$/ }).max(4000),
    limit: z.int().positive().max(100_000).optional(),
    dryRun: z.boolean().default(false),
    media: z.boolean().default(true),
  })
  .strict()

/** `POST /api/podcast/import`: a show from its feed into the token's user's podcast. */
export function feedRoutes(deps: ServerDeps): Route[] {
  return [
    route({
      method: 'POST',
      url: '/api/podcast/import',
      body: importBody,
      doc: {
        summary:
          'Import a podcast from its RSS feed into your podcast (dryRun: the plan only). Private, loopback and link-local addresses are refused unless feedImport.allowPrivateNetworks is set.',
        tag: 'podcast',
        operations: ['podcast.import'],
        responses: {
          200: 'The report: podcast, each episode new/updated/unchanged with its downloads and errors',
          400: 'Not an http(s) address, or not an RSS feed',
          403: 'The address is private, loopback or link-local',
          409: 'You already have another podcast (podcast_exists)',
          502: 'The feed could not be fetched',
        },
      },
      handle: ({ user, body }) =>
        deps.call(
          'podcast.import',
          { feed: body.url, limit: body.limit, dryRun: body.dryRun, media: body.media },
          user,
        ),
    }),
    route({
      method: 'POST',
      url: '/api/podcast/import/cancel',
      body: z.object({}).strict(),
      doc: {
        summary:
          'Stop your running import: finished episodes stay, no partial file is kept, and the next import resumes the rest. The import request then answers with its report (cancelled: true).',
        tag: 'podcast',
        operations: ['podcast.cancelImport'],
        responses: { 200: '{ cancelled: true } when an import was running, else false' },
      },
      handle: ({ user }) => deps.call('podcast.cancelImport', {}, user),
    }),
  ]
}
