import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** The S3 call a request is, as the proxy sees it. */
export type S3Call =
  | 'PutObject'
  | 'GetObject'
  | 'HeadObject'
  | 'DeleteObject'
  | 'ListObjectsV2'
  | 'CreateMultipartUpload'
  | 'UploadPart'
  | 'CompleteMultipartUpload'
  | 'Other'

export type Fault =
  /** 500 InternalError without reaching the server. */
  | 'status500'
  /** 503 SlowDown (S3's throttling answer). */
  | 'slowDown503'
  /** 403 AccessDenied. */
  | 'forbidden403'
  /** The connection is reset before any answer (the request never reaches the server). */
  | 'resetRequest'
  /** The server handles the request; the connection is reset halfway through its answer. */
  | 'resetResponse'
  /** The request is accepted and never answered. */
  | 'stall'

export interface SeenRequest {
  call: S3Call
  method: string
  /** Object key (bucket stripped), if any. */
  key: string
  partNumber: number | null
  status: number | null
  fault: Fault | null
}

export interface FaultRule {
  fault: Fault
  when: (request: SeenRequest) => boolean
  /** How many matching requests get the fault (default: every one). */
  times?: number
}

/**
 * A small HTTP proxy in front of the S3 test server that injects faults by rule and logs every
 * request. Path-style requests only (`/bucket/key`).
 */
export class FaultProxy {
  readonly seen: SeenRequest[] = []
  private rules: { rule: FaultRule; left: number }[] = []
  private server: Server | null = null
  private readonly sockets = new Set<Socket>()

  /**
   * With `wholeBodies`, a request reaches the server only once its body has fully arrived, as on
   * real S3 (which never stores a partial PutObject or part); s3rver alone stores whatever
   * arrived before a client died, which is not what a real bucket would hold.
   */
  constructor(
    private readonly upstreamPort: number,
    private readonly options: { wholeBodies?: boolean } = {},
  ) {}

  get endpoint(): string {
    const address = this.server?.address() as AddressInfo | null | undefined
    if (!address) throw new Error('the fault proxy is not started')
    return `http://127.0.0.1:${address.port}`
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res))
    this.server.on('connection', (socket) => {
      this.sockets.add(socket)
      socket.on('close', () => this.sockets.delete(socket))
    })
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve))
    return this
  }

  inject(rule: FaultRule): void {
    this.rules.push({ rule, left: rule.times ?? Number.POSITIVE_INFINITY })
  }

  clear(): void {
    this.rules = []
    this.seen.length = 0
  }

  count(call: S3Call, status?: number): number {
    return this.seen.filter((r) => r.call === call && (status === undefined || r.status === status)).length
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy()
    await new Promise<void>((resolve) => this.server?.close(() => resolve()))
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const seen = classify(req)
    this.seen.push(seen)
    const match = this.rules.find((entry) => entry.left > 0 && entry.rule.when(seen))
    if (match) {
      match.left--
      seen.fault = match.rule.fault
    }
    const status = { status500: 500, slowDown503: 503, forbidden403: 403 } as const
    const code = {
      status500: 'InternalError',
      slowDown503: 'SlowDown',
      forbidden403: 'AccessDenied',
    } as const
    const fault = seen.fault
    if (fault === 'status500' || fault === 'slowDown503' || fault === 'forbidden403') {
      this.answer(req, res, seen, status[fault], code[fault])
    } else if (fault === 'resetRequest') {
      req.socket.destroy()
    } else if (fault !== 'stall') {
      this.forward(req, res, seen)
    }
  }

  private answer(req: IncomingMessage, res: ServerResponse, seen: SeenRequest, status: number, code: string) {
    req.resume()
    req.on('end', () => {
      seen.status = status
      const body =
        req.method === 'HEAD'
          ? ''
          : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>injected by the fault proxy</Message></Error>`
      res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) })
      res.end(body)
    })
  }

  private forward(req: IncomingMessage, res: ServerResponse, seen: SeenRequest): void {
    const headers = { ...req.headers }
    delete headers.expect
    const upstream = request(
      { host: '127.0.0.1', port: this.upstreamPort, method: req.method, path: req.url, headers },
      (answer) => {
        seen.status = answer.statusCode ?? null
        if (seen.fault !== 'resetResponse') {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
          return
        }
        // The server did the work; the client loses the answer: all of it when it has no body,
        // else the second half of the body.
        const half = Math.floor(Number(answer.headers['content-length'] ?? 0) / 2)
        if (half === 0) {
          answer.resume()
          answer.on('end', () => req.socket.destroy())
          return
        }
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        let sent = 0
        answer.on('data', (chunk: Buffer) => {
          if (sent >= half) return
          const piece = chunk.subarray(0, half - sent)
          res.write(piece)
          sent += piece.length
        })
        answer.on('end', () => setTimeout(() => req.socket.destroy(), 20))
      },
    )
    upstream.on('error', () => req.socket.destroy())
    if (!this.options.wholeBodies) {
      req.pipe(upstream)
      return
    }
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => upstream.end(Buffer.concat(chunks)))
    req.on('close', () => {
      if (!req.complete) upstream.destroy()
    })
  }
}

function classify(req: IncomingMessage): SeenRequest {
  const url = new URL(req.url ?? '/', 'http://proxy')
  const [, , ...rest] = url.pathname.split('/')
  const key = decodeURIComponent(rest.join('/'))
  const q = url.searchParams
  const method = req.method ?? 'GET'
  let call: S3Call = 'Other'
  if (method === 'PUT' && q.has('partNumber')) call = 'UploadPart'
  else if (method === 'PUT' && key) call = 'PutObject'
  else if (method === 'POST' && q.has('uploads')) call = 'CreateMultipartUpload'
  else if (method === 'POST' && q.has('uploadId')) call = 'CompleteMultipartUpload'
  else if (method === 'GET' && !key) call = 'ListObjectsV2'
  else if (method === 'GET') call = 'GetObject'
  else if (method === 'HEAD' && key) call = 'HeadObject'
  else if (method === 'DELETE' && key) call = 'DeleteObject'
  const part = q.get('partNumber')
  return { call, method, key, partNumber: part ? Number(part) : null, status: null, fault: null }
}
