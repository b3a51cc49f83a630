import { z } from 'zod'
import type { Inputs } from '../../shared/api'
import { HTTP_OPERATIONS, OWNER_HTTP_OPERATIONS } from './http-operations'
import type { Route } from './route-table'

const ERROR_SCHEMA = {
  type: 'object',
  required: ['code', 'message'],
  properties: { code: { type: 'string' }, message: { type: 'string' } },
}

/**
 * The OpenAPI 3.1 document of the REST API, generated from the very zod schemas the routes
 * validate with (path, query, JSON bodies) and, for `/api/call/{operation}`, from the contract's
 * input schemas.
 */
export function openApiDocument(
  routes: readonly Route[],
  version: string,
  inputs: Inputs,
): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const spec of routes) {
    if (spec.url === '/api/call/:name') continue
    const path = spec.url.replace(/:(\w+)/g, '{$1}').replace(/\*$/, '{key}')
    paths[path] ??= {}
    const parameters = [
      ...schemaParameters(spec.params, 'path'),
      ...schemaParameters(spec.query, 'query'),
      ...(spec.url.endsWith('*')
        ? [{ name: 'key', in: 'path', required: true, schema: { type: 'string' } }]
        : []),
    ]
    const operation: Record<string, unknown> = {
      summary: spec.doc.summary,
      tags: [spec.doc.tag],
      ...(spec.doc.operations ? { 'x-castdesk-operations': spec.doc.operations } : {}),
      ...(parameters.length ? { parameters } : {}),
      responses: responses(spec.doc.responses),
    }
    if (spec.body) {
      operation.requestBody = {
        required: true,
        content: { 'application/json': { schema: jsonSchema(spec.body) } },
      }
    } else if (spec.doc.requestBody) {
      operation.requestBody = spec.doc.requestBody
    }
    paths[path][spec.method.toLowerCase()] = operation
  }
  for (const name of [...HTTP_OPERATIONS, ...OWNER_HTTP_OPERATIONS]) {
    const ownerOnly = OWNER_HTTP_OPERATIONS.includes(name)
    paths[`/api/call/${name}`] = {
      post: {
        summary: `The contract operation ${name}${ownerOnly ? ' (owner session only: the browser that opened the one-time link castdesk serve printed; 404 for API tokens)' : ''}`,
        tags: ['contract'],
        'x-castdesk-operations': [name],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: jsonSchema(inputs[name]) } },
        },
        responses: responses({ 200: `The output of ${name}`, 400: 'Invalid input', 404: 'Not found' }),
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Castdesk REST API',
      version,
      description:
        'Every route answers errors as JSON {code, message}. Authenticate with "Authorization: Bearer <token>" (castdesk users token NAME).',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: ERROR_SCHEMA },
    },
    paths,
  }
}

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>
  return rest
}

function schemaParameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Record<string, unknown>[] {
  if (!schema) return []
  const json = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] }
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }))
}

function responses(doc: Record<number, string | Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [status, value] of Object.entries(doc)) {
    const error = Number(status) >= 400
    out[status] =
      typeof value === 'string'
        ? {
            description: value,
            ...(error
              ? { content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
              : {}),
          }
        : value
  }
  out['401'] ??= {
    description: 'No valid token',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  }
  return out
}
