import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify'
import { z } from 'zod'
import type { ApiName } from '../../shared/api'
import { CastdeskError } from '../../shared/errors'
import type { User } from '../../shared/media'
import type { Actor } from './auth'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** What a route's handler gets: its inputs already validated by the route's own schemas. */
export interface RouteContext<P, Q, B> {
  user: User
  /** An owner session (the one-time link `castdesk serve` printed): library-wide operations allowed. */
  owner: boolean
  params: P
  query: Q
  body: B
  request: FastifyRequest
  reply: FastifyReply
}

/** OpenAPI fragments a route documents beyond what its schemas say. */
export interface RouteDoc {
  summary: string
  tag: string
  /** The contract operations the route calls. */
  operations?: readonly ApiName[]
  /** A body that is not a JSON schema (multipart, plain text), in OpenAPI terms. */
  requestBody?: Record<string, unknown>
  /** Status → description, or a full OpenAPI response object. */
  responses: Record<number, string | Record<string, unknown>>
}

/**
 * One REST route: its method, URL, the zod schemas that validate its params, query and JSON body
 * (the same schemas `/api/openapi.json` is generated from) and its handler. A handler returns the
 * JSON to send (status 200 unless it set one), undefined for 204, or sends the reply itself.
 */
export interface Route<P = unknown, Q = unknown, B = unknown> {
  method: HttpMethod
  url: string
  params?: z.ZodType<P>
  /** Without one, the route refuses any query parameter. */
  query?: z.ZodType<Q>
  body?: z.ZodType<B>
  doc: RouteDoc
  handle(context: RouteContext<P, Q, B>): Promise<unknown>
}

/** A route with its types inferred from its schemas. */
export function route<P = undefined, Q = undefined, B = undefined>(spec: Route<P, Q, B>): Route {
  return spec as unknown as Route
}

const authenticated = new WeakMap<FastifyRequest, Actor>()

/** A route that declares no query parameters takes none: an unknown one is a 400, as in lists. */
const NO_QUERY = z.object({}).strict()

/** The acting user (and whether an owner session) the auth hook found for this request. */
export function actorOf(request: FastifyRequest): Actor {
  const actor = authenticated.get(request)
  if (!actor) throw new CastdeskError('internal', 'A route ran without an authenticated user.')
  return actor
}

export function setActor(request: FastifyRequest, actor: Actor): void {
  authenticated.set(request, actor)
}

export function registerRoutes(
  app: FastifyInstance,
  routes: readonly Route[],
  auth: onRequestHookHandler,
): void {
  for (const spec of routes) {
    app.route({
      method: spec.method,
      url: spec.url,
      onRequest: auth,
      handler: async (request, reply) => {
        const { user, owner } = actorOf(request)
        const context: RouteContext<unknown, unknown, unknown> = {
          user,
          owner,
          params: validate(spec.params, request.params, 'path'),
          query: validate(spec.query ?? NO_QUERY, request.query, 'query'),
          body: spec.body ? validate(spec.body, request.body ?? {}, 'body') : request.body,
          request,
          reply,
        }
        const result = await spec.handle(context)
        if (reply.sent) return reply
        if (result === undefined) return reply.code(204).send()
        return reply.send(result)
      },
    })
  }
}

function validate<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string): T {
  if (!schema) return value as T
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const details = parsed.error.issues.map((issue) => {
    const path = issue.path.join('.')
    if (issue.code === 'unrecognized_keys')
      return `unknown ${where} parameter ${issue.keys.map((k) => `"${k}"`).join(', ')}`
    return `${path ? `${where} "${path}"` : where}: ${issue.message}`
  })
  throw new CastdeskError('invalid_input', `${details.join('; ')}.`)
}
