import { createReadStream, readFileSync, statSync } from 'node:fs'
import { createServer, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll } from 'vitest'

/** What one path of the test server answers. */
export type Route =
  | { file: string; type: string }
  | { body: string | Buffer; type: string; status?: number }
  | { redirect: string; status?: number }
  /** Sends the headers and a little of the body, then nothing more. */
  | { stall: true }
  /** Announces a large body, sends a little of it, then closes the connection. */
  | { truncate: true; type: string }
  /** A real file trickled out: `bytes` every `everyMs` (a slow host; never a stall). */
  | { trickle: string; type: string; bytes: number; everyMs: number }
  /** A body of `bytes` made on the fly (announced unless `chunked`); `sent` counts what left. */
  | { huge: number; chunked?: boolean; sent: { bytes: number } }

export interface FeedServer {
  origin: string
  server: Server
  /** `METHOD path` of every request, in order. */
  requests: string[]
  routes: Map<string, Route>
  set(path: string, route: Route): void
}

/** A podcast host on 127.0.0.1 for the tests: feeds, media files, tracking redirects, broken answers. */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>()
  const requests: string[] = []
  const open = new Set<ServerResponse>()
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname
    requests.push(`${request.method} ${path}`)
    const route = routes.get(path)
    if (!route) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
    if ('redirect' in route)
      return void response.writeHead(route.status ?? 302, { location: route.redirect }).end()
    if ('stall' in route) {
      open.add(response)
      response.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': '1000000' })
      response.write(Buffer.alloc(100))
      return
    }
    if ('truncate' in route) {
      response.writeHead(200, { 'content-type': route.type, 'content-length': '1000000' })
      response.write(Buffer.alloc(1000, 0xff), () => response.destroy())
      return
    }
    if ('huge' in route) {
      const chunk = Buffer.from(`<!-- ${'x'.repeat(65_000)} -->`)
      response.writeHead(200, {
        'content-type': 'application/rss+xml',
        ...(route.chunked ? {} : { 'content-length': String(route.huge) }),
      })
      const pump = () => {
        while (route.sent.bytes < route.huge && !response.destroyed) {
          route.sent.bytes += chunk.length
          if (!response.write(chunk)) return void response.once('drain', pump)
        }
        response.end()
      }
      response.on('close', () => response.destroy())
      pump()
      return
    }
    if ('trickle' in route) {
      const data = readFileSync(route.trickle)
      response.writeHead(200, { 'content-type': route.type, 'content-length': String(data.length) })
      let sent = 0
      const timer = setInterval(() => {
        if (response.destroyed) return clearInterval(timer)
        response.write(data.subarray(sent, sent + route.bytes))
        sent += route.bytes
        if (sent >= data.length) {
          clearInterval(timer)
          response.end()
        }
      }, route.everyMs)
      response.on('close', () => clearInterval(timer))
      open.add(response)
      return
    }
    if ('file' in route) {
      const size = statSync(route.file).size
      response.writeHead(200, { 'content-type': route.type, 'content-length': String(size) })
      if (request.method === 'HEAD') return void response.end()
      return void createReadStream(route.file).pipe(response)
    }
    const body = Buffer.from(route.body)
    response.writeHead(route.status ?? 200, {
      'content-type': route.type,
      'content-length': String(body.length),
    })
    response.end(request.method === 'HEAD' ? undefined : body)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  afterAll(async () => {
    for (const response of open) response.destroy()
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  })
  return { origin, server, requests, routes, set: (path, route) => void routes.set(path, route) }
}
