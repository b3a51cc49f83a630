/**
 * django-cast's sRGB counterpart of a spec: drop `srgb` if present, else add it after a leading
 * `width-N` or before a leading `format-X`. Other specs (`max-…`, `fill-…`) have none.
 * `width-120|format-avif` ↔ `width-120|srgb|format-avif`, `format-avif` ↔ `srgb|format-avif`.
 */
export function srgbCounterpart(spec: string): string | null {
  const parts = spec.split('|')
  const srgbAt = parts.indexOf('srgb')
  if (srgbAt >= 0) return parts.filter((_, index) => index !== srgbAt).join('|')
  const [first = '', ...rest] = parts
  if (first.startsWith('width-')) return [first, 'srgb', ...rest].join('|')
  if (first.startsWith('format-')) return ['srgb', ...parts].join('|')
  return null
}
