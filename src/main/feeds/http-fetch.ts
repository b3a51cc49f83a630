import { rm } from 'node:fs/promises'
import type { IncomingMessage } from 'node:http'
import { isIP } from 'node:net'
import { Transform } from 'node:stream'
import { CastdeskError } from '../../shared/errors'
import { formatBytes } from '../../shared/format'
import { http, https } from '../platform/builtins'
import { type WrittenFile, writeTempFile } from '../storage/atomic-file'
import { guardedLookup, isPrivateAddress, refusedAddress } from './net-guard'

/** How a feed import fetches: the address guard, redirects and the time a connection may stay silent. */
export interface FetchPolicy {
  allowPrivate: boolean
  stallMs: number
  maxRedirects?: number
  signal?: AbortSignal
}

export interface Response {
  /** The address after every redirect. */
  url: string
  contentType: string
  contentLength: number | null
  body: IncomingMessage
}

/** Why a response was cut off by this side (it stalled), for the error its body reports. */
const stalls = new WeakMap<IncomingMessage, CastdeskError>()

// Joined so that the built file holds no "import" before a parenthesis: the CLI's compile cache
// leaves any file that looks like it imports dynamically to Node (see platform/compile-cache.ts).
const USER_AGENT = ['Castdesk feed import', '(+https://github.com/castdesk)'].join(' ')

/** Opens `url` (GET or HEAD), following at most 10 redirects, each checked like the first. */
export async function open(
  url: string,
  policy: FetchPolicy,
  method: 'GET' | 'HEAD' = 'GET',
): Promise<Response> {
  let current = url
  for (let hop = 0; ; hop++) {
    const response = await once(current, policy, method)
    const location = response.headers.location
    if (response.statusCode && response.statusCode >= 300 && response.statusCode < 400 && location) {
      response.resume()
      if (hop >= (policy.maxRedirects ?? 10)) {
        throw new CastdeskError(
          'fetch_failed',
          `${url} redirects more than ${policy.maxRedirects ?? 10} times (a redirect loop). Check the address with the host.`,
        )
      }
      current = new URL(location, current).toString()
      continue
    }
    if (!response.statusCode || response.statusCode >= 400) {
      response.resume()
      throw new CastdeskError(
        'fetch_failed',
        `${current} answered HTTP ${response.statusCode}${response.statusCode === 401 || response.statusCode === 403 ? ' (it needs a login)' : ''}. Check that the address is public.`,
      )
    }
    const length = Number(response.headers['content-length'])
    return {
      url: current,
      contentType: String(response.headers['content-type'] ?? '').toLowerCase(),
      contentLength: Number.isSafeInteger(length) && length >= 0 ? length : null,
      body: response,
    }
  }
}

function once(url: string, policy: FetchPolicy, method: 'GET' | 'HEAD'): Promise<IncomingMessage> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new CastdeskError('fetch_failed', `"${url}" is not a web address.`)
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new CastdeskError(
      'fetch_failed',
      `${url} is not an http or https address; Castdesk fetches only those.`,
    )
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  if (isIP(host) && !policy.allowPrivate && isPrivateAddress(host)) throw refusedAddress(host, host)
  const request = parsed.protocol === 'https:' ? https().request : http().request
  return new Promise((resolve, reject) => {
    let response: IncomingMessage | null = null
    const req = request(parsed, {
      method,
      lookup: guardedLookup(policy.allowPrivate) as never,
      headers: { 'user-agent': USER_AGENT, accept: '*/*' },
      signal: policy.signal,
    })
    req.setTimeout(policy.stallMs, () => {
      const stalled = new CastdeskError(
        'fetch_failed',
        `${url} sent nothing for ${Math.round(policy.stallMs / 1000)} s; Castdesk gave up. Try again later.`,
      )
      if (response) stalls.set(response, stalled)
      req.destroy(stalled)
    })
    req.on('response', (res) => {
      response = res
      resolve(res)
    })
    req.on('error', (error) => reject(networkError(url, error)))
    req.end()
  })
}

function networkError(url: string, error: unknown): unknown {
  if (error instanceof CastdeskError) return error
  const code = (error as { code?: string }).code
  if (code === 'ABORT_ERR') return new CastdeskError('cancelled', `Fetching ${url} was stopped on request.`)
  return new CastdeskError(
    'fetch_failed',
    `${url} could not be fetched (${code ?? (error as Error).message}). Check the address and your connection.`,
  )
}

/** The size a HEAD request announces, or null when the server does not say (or fails). */
export async function headSize(url: string, policy: FetchPolicy): Promise<number | null> {
  try {
    const response = await open(url, policy, 'HEAD')
    response.body.resume()
    return response.contentLength
  } catch {
    return null
  }
}

/** The body as text, refusing more than `maxBytes` (while it streams). */
export async function fetchText(
  url: string,
  policy: FetchPolicy,
  maxBytes: number,
  what: string,
): Promise<{ text: string; url: string; contentType: string }> {
  const response = await open(url, policy)
  tooLarge(response.contentLength, maxBytes, url, what, response)
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of response.body as AsyncIterable<Buffer>) {
      size += chunk.length
      if (size > maxBytes) {
        response.body.destroy()
        tooLarge(size, maxBytes, url, what)
      }
      chunks.push(chunk)
    }
  } catch (error) {
    throw stalls.get(response.body) ?? networkError(url, error)
  }
  return {
    text: Buffer.concat(chunks).toString('utf8'),
    url: response.url,
    contentType: response.contentType,
  }
}

/** Streams the body into a new file in staging (hashed, fsynced), refusing more than `maxBytes`. */
export async function download(
  url: string,
  policy: FetchPolicy,
  maxBytes: number,
  stagingDir: string,
  onBytes?: (bytes: number) => void,
): Promise<WrittenFile & { url: string; contentType: string }> {
  const response = await open(url, policy)
  tooLarge(response.contentLength, maxBytes, url, 'file', response)
  let size = 0
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      size += chunk.length
      onBytes?.(chunk.length)
      if (size > maxBytes) return callback(tooLargeError(size, maxBytes, url, 'file'))
      callback(null, chunk)
    },
  })
  response.body.on('aborted', () =>
    limit.destroy(stalls.get(response.body) ?? new CastdeskError('fetch_failed', `${url} broke off.`)),
  )
  const written = await writeTempFile(response.body.pipe(limit), stagingDir).catch((error) => {
    response.body.destroy()
    throw networkError(url, error)
  })
  if (response.contentLength !== null && written.size !== response.contentLength) {
    await rm(written.path, { force: true })
    throw new CastdeskError(
      'fetch_failed',
      `${url} broke off after ${formatBytes(written.size)} of ${formatBytes(response.contentLength)}. Try again.`,
    )
  }
  return { ...written, url: response.url, contentType: response.contentType }
}

function tooLarge(
  size: number | null,
  maxBytes: number,
  url: string,
  what: string,
  response?: Response,
): void {
  if (size === null || size <= maxBytes) return
  response?.body.destroy()
  throw tooLargeError(size, maxBytes, url, what)
}

function tooLargeError(size: number, maxBytes: number, url: string, what: string): CastdeskError {
  return new CastdeskError(
    'file_too_large',
    `The ${what} at ${url} is more than ${formatBytes(maxBytes)} (${formatBytes(size)} so far); Castdesk stopped reading it. Raise the limit in castdesk.config.json if it is right.`,
  )
}
