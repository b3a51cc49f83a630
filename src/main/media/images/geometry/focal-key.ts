import { createHash } from 'node:crypto'
import { type ParsedSpec, parseSpec } from '../spec'
import type { FocalPoint } from './geometry-types'

/** Wagtail's key for a `fill` spec without a focal point: SHA-1 of "None-None-None-None". */
export const NO_FOCAL_POINT_KEY = '2e16d0ba'

/**
 * Wagtail's focal-point cache key: the Python `str()` of focal_point_width, _height, _x, _y
 * (in that order, once per `fill` operation) joined by "-", SHA-1, first 8 hex digits.
 * Whole numbers print without ".0", as Wagtail's integer columns do.
 */
export function focalPointKey(focal: FocalPoint | null | undefined, fillCount = 1): string {
  const fields = focal ? [focal.width, focal.height, focal.x, focal.y] : [null, null, null, null]
  const parts: string[] = []
  for (let i = 0; i < fillCount; i++) parts.push(...fields.map(pythonStr))
  return hashVaryParts(parts)
}

/** The key a rendition row and file name carry: "" unless the spec has a `fill` (Wagtail's vary fields). */
export function renditionFocalKey(spec: string | ParsedSpec, focal: FocalPoint | null | undefined): string {
  const parsed = typeof spec === 'string' ? parseSpec(spec) : spec
  return parsed.fillCount === 0 ? '' : focalPointKey(focal, parsed.fillCount)
}

/** SHA-1 of the parts joined by "-", first 8 hex digits; "" for no parts. */
export function hashVaryParts(parts: readonly string[]): string {
  const joined = parts.join('-')
  if (joined === '') return ''
  return createHash('sha1').update(joined, 'utf8').digest('hex').slice(0, 8)
}

/** Python's `str()` of an int, a float or None. */
export function pythonStr(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'None'
  if (Number.isNaN(value)) return 'nan'
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf'
  if (Number.isInteger(value)) return BigInt(value).toString()
  const magnitude = Math.abs(value)
  if (magnitude >= 1e-4) return String(value)
  // Python switches to exponent notation below 1e-4 and pads the exponent to two digits.
  return value.toExponential().replace(/e([+-])(\d)$/, 'e$10$2')
}
