import type { FastifyRequest } from 'fastify'
import { CastdeskError } from '../../../shared/errors'
import type { MediaItem, User } from '../../../shared/media'
import { withMediaUrls } from '../present'
import { idParams, listQuery, patchBody, REST_TYPES, type RestType } from '../rest-schemas'
import { type Route, route } from '../route-table'
import type { ServerDeps } from '../server-deps'

/** GET (list), and GET/PATCH/DELETE of one item, for images, audios, videos and files. */
export function mediaRoutes(deps: ServerDeps): Route[] {
  return (Object.keys(REST_TYPES) as RestType[]).flatMap((segment) => typeRoutes(deps, segment))
}

function typeRoutes({ call }: ServerDeps, segment: RestType): Route[] {
  const type = REST_TYPES[segment]
  const tag = segment
  /** The item, when it is the acting user's and of this endpoint's type; else 404, whoever owns it. */
  const own = async (id: number, user: User): Promise<MediaItem> => {
    const item = await call('media.show', { id }, user)
    if (item.type !== type) throw new CastdeskError('not_found', `There is no ${type} ${id} in your library.`)
    return item
  }
  return [
    route({
      method: 'GET',
      url: `/api/${segment}/`,
      query: listQuery,
      doc: {
        summary: `The acting user's ${segment}, newest first: django-cast's envelope`,
        tag,
        operations: ['media.page'],
        responses: { 200: 'A page: {count, next, previous, results}', 400: 'An unknown or bad parameter' },
      },
      handle: async ({ user, query, request }) => {
        const page = await call(
          'media.page',
          { type, page: query.page, pageSize: query.pageSize, q: query.q, tags: query.tag },
          user,
        )
        const last = Math.max(1, Math.ceil(page.count / page.pageSize))
        return {
          count: page.count,
          next: page.page < last ? pageUrl(request, page.page + 1) : null,
          previous: page.page > 1 ? pageUrl(request, page.page - 1) : null,
          results: withMediaUrls(page.results),
        }
      },
    }),
    route({
      method: 'GET',
      url: `/api/${segment}/:id/`,
      params: idParams,
      doc: {
        summary: `One ${type}`,
        tag,
        operations: ['media.show'],
        responses: { 200: 'The item', 404: 'No such item' },
      },
      handle: async ({ user, params }) => withMediaUrls(await own(params.id, user)),
    }),
    route({
      method: 'PATCH',
      url: `/api/${segment}/:id/`,
      params: idParams,
      body: patchBody,
      doc: {
        summary: `Changes a ${type}'s title, tags${type === 'audio' ? ', subtitle' : type === 'image' ? ', alt text' : ''}`,
        tag,
        operations: ['media.show', 'media.update'],
        responses: { 200: 'The changed item', 400: 'A bad field', 404: 'No such item' },
      },
      handle: async ({ user, params, body }) => {
        await own(params.id, user)
        return withMediaUrls(await call('media.update', { id: params.id, ...body }, user))
      },
    }),
    route({
      method: 'DELETE',
      url: `/api/${segment}/:id/`,
      params: idParams,
      doc: {
        summary: `Moves a ${type} to the trash`,
        tag,
        operations: ['media.show', 'media.delete'],
        responses: { 204: 'Deleted', 404: 'No such item' },
      },
      handle: async ({ user, params }) => {
        await own(params.id, user)
        await call('media.delete', { id: params.id }, user)
        return undefined
      },
    }),
  ]
}

/** The absolute URL of another page of the same list, other parameters kept (as DRF links). */
function pageUrl(request: FastifyRequest, page: number): string {
  const url = new URL(request.url, `http://${request.headers.host}`)
  url.searchParams.set('page', String(page))
  return url.toString()
}
