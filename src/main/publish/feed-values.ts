import { createHash } from 'node:crypto'

/** Small pure helpers for feed values: RFC 2822 dates, django-cast's duration string, Podcasting 2.0 guid. */

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const two = (n: number) => String(n).padStart(2, '0')

/** `Fri, 01 Mar 2024 08:30:00 +0000` from a UTC ISO-8601 time. */
export function rfc2822(iso: string): string {
  const d = new Date(iso)
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
}

/** django-cast's `duration_str`: fraction dropped, hours not padded (`1:10:20`, `0:00:05`). */
export function durationString(ms: number): string {
  const total = Math.floor(ms / 1000)
  return `${Math.floor(total / 3600)}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`
}

/** A PSC chapter start: `HH:MM:SS`, with `.mmm` only when there is a fraction. */
export function pscStart(ms: number): string {
  const total = Math.floor(ms / 1000)
  const base = `${two(Math.floor(total / 3600))}:${two(Math.floor((total % 3600) / 60))}:${two(total % 60)}`
  const frac = ms % 1000
  return frac === 0 ? base : `${base}.${String(frac).padStart(3, '0')}`
}

/** The Podcasting 2.0 namespace for `podcast:guid`. */
export const PODCAST_GUID_NAMESPACE = 'ead4c236-bf58-58c6-a2c6-a6b28d128cb6'

/** RFC 4122 UUID version 5 (SHA-1) of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex')
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest()
  const bytes = hash.subarray(0, 16)
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** `podcast:guid`: UUIDv5 of the feed URL without its scheme and trailing slashes. */
export function podcastGuid(feedUrl: string): string {
  const name = feedUrl.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//, '').replace(/\/+$/, '')
  return uuidV5(name, PODCAST_GUID_NAMESPACE)
}
