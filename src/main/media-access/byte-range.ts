/** One byte range of a file, inclusive at both ends, as HTTP counts them. */
export interface ByteRange {
  start: number
  end: number
}

/**
 * Reads a `Range` header against a file of `size` bytes (RFC 9110 §14): null to send the whole
 * file (no header, not bytes, several ranges, or a header that does not parse: a server may
 * ignore them), 'unsatisfiable' for a range that starts past the end. Pure: no I/O.
 */
export function parseRange(header: string | undefined, size: number): ByteRange | null | 'unsatisfiable' {
  if (!header) return null
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header)
  if (!match) return null
  const [, first = '', last = ''] = match
  if (first === '' && last === '') return null
  if (first === '') {
    // The last N bytes.
    const suffix = Number(last)
    if (suffix === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(first)
  if (start >= size) return 'unsatisfiable'
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1)
  if (end < start) return null
  return { start, end }
}
