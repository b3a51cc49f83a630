import { relative, sep } from 'node:path'
import type { ApiName } from '../../../shared/api'
import { LocalStorage } from '../../storage/local-storage'
import { mediaUrl } from '../present'
import { callParams, idParams, jobsQuery, renditionQuery, searchQuery } from '../rest-schemas'
import { type Route, route } from '../route-table'
import type { ServerDeps } from '../server-deps'

/** Renditions, search, jobs, and `/api/call/:name`, which carries any operation offered over HTTP. */
export function toolRoutes(deps: ServerDeps): Route[] {
  const { call, library } = deps
  const storage = library.storage
  /** A rendition's URL on this server: its key is its path under the (local) default storage. */
  const renditionUrl = (path: string | null, url: string): string => {
    if (!(storage instanceof LocalStorage) || !path) return url
    return mediaUrl(relative(storage.root, path).split(sep).join('/'))
  }
  return [
    route({
      method: 'GET',
      url: '/api/images/:id/rendition/',
      params: idParams,
      query: renditionQuery,
      doc: {
        summary: 'The rendition of a Wagtail filter spec (made on first request, then cached)',
        tag: 'images',
        operations: ['images.rendition'],
        responses: {
          200: '{url, width, height, format, spec, bytes}',
          400: 'A bad spec',
          404: 'No such image',
        },
      },
      handle: async ({ user, params, query }) => {
        const { path, url, ...rest } = await call(
          'images.rendition',
          { id: params.id, spec: query.spec },
          user,
        )
        return { ...rest, url: renditionUrl(path, url) }
      },
    }),
    route({
      method: 'GET',
      url: '/api/search/',
      query: searchQuery,
      doc: {
        summary: 'Full-text search: [{id, type, title, snippet, match, start_ms?}], best first',
        tag: 'search',
        operations: ['search.query'],
        responses: { 200: 'The hits', 400: 'A bad parameter' },
      },
      handle: ({ user, query }) => call('search.query', query, user),
    }),
    route({
      method: 'GET',
      url: '/api/jobs/',
      query: jobsQuery,
      doc: {
        summary: "The acting user's background jobs, newest first",
        tag: 'jobs',
        operations: ['jobs.list'],
        responses: { 200: 'The jobs' },
      },
      handle: ({ user, query }) => call('jobs.list', query, user),
    }),
    route({
      method: 'POST',
      url: '/api/call/:name',
      params: callParams,
      doc: {
        summary: 'Calls one contract operation with a JSON input (what the browser app uses)',
        tag: 'contract',
        responses: { 200: "The operation's output", 404: 'No such operation over HTTP (for this caller)' },
      },
      handle: ({ user, owner, params, body }) =>
        call(params.name as ApiName, (body ?? {}) as never, user, { owner }),
    }),
  ]
}
