import { invalidSpecError } from './spec-errors'

/**
 * Wagtail's `Filter.expand_spec`: a spec with `{a,b}` groups becomes every combination, in segment
 * order. A string is split on `|` if it has one, else on spaces. Each segment may hold one group.
 * `width-{100,200}|format-{jpeg,webp}` → `width-100|format-jpeg`, `width-100|format-webp`, …
 */
export function expandSpec(spec: string | readonly string[]): string[] {
  const segments = typeof spec === 'string' ? spec.split(spec.includes('|') ? '|' : ' ') : spec
  const original = typeof spec === 'string' ? spec : spec.join('|')
  let combinations: string[][] = [[]]
  for (const segment of segments) {
    const options = expandSegment(original, segment)
    combinations = combinations.flatMap((combination) => options.map((option) => [...combination, option]))
  }
  return combinations.map((combination) => combination.join('|'))
}

function expandSegment(spec: string, segment: string): string[] {
  if (!(segment.includes('{') && segment.includes('}'))) return [segment]
  const opened = segment.split('{')
  const closed = (opened[1] ?? '').split('}')
  if (opened.length !== 2 || closed.length !== 2) {
    throw invalidSpecError(
      spec,
      `"${segment}" has more than one {…} group or braces in the wrong order; use one group per operation, e.g. width-{400,800}.`,
    )
  }
  const [prefix = ''] = opened
  const [options = '', suffix = ''] = closed
  return options.split(',').map((option) => prefix + option + suffix)
}
