import type { ServerEvent } from '../event-hub'
import { type Route, route } from '../route-table'
import type { ServerDeps } from '../server-deps'

const HEARTBEAT_MS = 15_000

/** `GET /api/events`: server-sent events about the acting user's jobs, imports and operations. */
export function eventRoutes({ hub }: ServerDeps): Route[] {
  return [
    route({
      method: 'GET',
      url: '/api/events',
      doc: {
        summary:
          'Server-sent events: `job` (a job of yours changed: JobInfo), `import` (an upload was imported or refused), `progress` (an operation you called reports progress)',
        tag: 'events',
        responses: { 200: { description: 'An event stream', content: { 'text/event-stream': {} } } },
      },
      handle: async ({ user, request, reply }) => {
        reply.hijack()
        const stream = reply.raw
        stream.writeHead(200, {
          'Content-Type': 'text/event-stream; charset=utf-8',
          'Cache-Control': 'no-store',
          Connection: 'keep-alive',
          'X-Accel-Buffering': 'no',
        })
        const send = ({ event, data }: ServerEvent) =>
          stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
        stream.write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ user: user.name })}\n\n`)
        const unsubscribe = hub.subscribe(user.id, send)
        const heartbeat = setInterval(() => stream.write(': keep-alive\n\n'), HEARTBEAT_MS)
        heartbeat.unref()
        request.raw.once('close', () => {
          clearInterval(heartbeat)
          unsubscribe()
        })
        return undefined
      },
    }),
  ]
}
