import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { Readable } from 'node:stream'
import type { MediaFile } from '../../shared/api/catalog.api'
import { parseRange } from './byte-range'

/** Types a page may render inline; anything else is sent as a download. */
const INLINE = /^(image\/(jpeg|png|gif|webp|avif|tiff)|audio\/[\w.+-]+|video\/[\w.+-]+|text\/vtt)$/

/** The parts of a request a media response depends on. */
export interface MediaRequest {
  method: string
  headers: Headers
}

/**
 * The HTTP response for one stored file, shared by `castdesk serve`'s `/media/` route and the
 * desktop app's `castdesk-media://` protocol: Range (206/416), ETag revalidation (304), inline
 * only for media types, a sandboxing CSP, and a redirect when the bytes live in a remote storage.
 */
export async function mediaResponse(file: MediaFile, request: MediaRequest): Promise<Response> {
  if (!file.path) {
    if (/^https?:/.test(file.url)) return new Response(null, { status: 302, headers: { Location: file.url } })
    return problem(404, 'not_found', `The file "${file.key}" is not available here.`)
  }
  const info = await stat(file.path).catch(() => null)
  if (!info?.isFile()) return problem(404, 'not_found', `The file "${file.key}" is missing from the storage.`)
  const inline = INLINE.test(file.mime)
  const etag = `"${file.sha256}"`
  const headers = new Headers({
    'Content-Type': inline ? file.mime : 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    ETag: etag,
    'Cache-Control': 'private, no-cache',
    'Content-Security-Policy': "default-src 'none'; sandbox",
    'X-Content-Type-Options': 'nosniff',
  })
  if (!inline) {
    const name = file.key.split('/').at(-1) ?? 'file'
    headers.set('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
  }
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers })
  const ifRange = request.headers.get('if-range')
  const wanted = ifRange && ifRange !== etag ? undefined : (request.headers.get('range') ?? undefined)
  const range = parseRange(wanted, info.size)
  const head = request.method === 'HEAD'
  if (range === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${info.size}`)
    return problem(416, 'invalid_input', `The file has ${info.size} bytes.`, headers)
  }
  if (!range) {
    headers.set('Content-Length', String(info.size))
    return new Response(head ? null : body(file.path), { status: 200, headers })
  }
  headers.set('Content-Range', `bytes ${range.start}-${range.end}/${info.size}`)
  headers.set('Content-Length', String(range.end - range.start + 1))
  return new Response(head ? null : body(file.path, range), { status: 206, headers })
}

/** An error as the REST API words it: `{code, message}` with its status. */
export function problem(status: number, code: string, message: string, headers = new Headers()): Response {
  headers.set('Content-Type', 'application/json; charset=utf-8')
  headers.delete('Content-Length')
  return new Response(JSON.stringify({ code, message }), { status, headers })
}

function body(path: string, range?: { start: number; end: number }): ReadableStream<Uint8Array> {
  return Readable.toWeb(createReadStream(path, range)) as ReadableStream<Uint8Array>
}
