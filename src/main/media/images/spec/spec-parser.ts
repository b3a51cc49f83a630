import {
  type FilterOperation,
  type ImageOperation,
  OPERATION_NAMES,
  operationFactory,
  type TransformOperation,
} from './operation-registry'
import { invalidSpecError, SpecPartError } from './spec-errors'

/** Wagtail stores `filter_spec` in a 255-character column. */
export const MAX_SPEC_LENGTH = 255

export interface ParsedSpec {
  /** The spec exactly as given; it names the rendition file and keys the rendition row. */
  readonly spec: string
  readonly operations: readonly ImageOperation[]
  readonly transforms: readonly TransformOperation[]
  readonly filters: readonly FilterOperation[]
  /** How many `fill` operations the spec has; each repeats the focal point in the cache key. */
  readonly fillCount: number
}

/**
 * Parses and validates a Wagtail filter spec such as `fill-400x300-c50|format-webp|webpquality-70`.
 * Throws `CastdeskError('invalid_spec')` naming the bad part and what would be valid.
 */
export function parseSpec(spec: string): ParsedSpec {
  if (spec === '') {
    throw invalidSpecError(spec, 'it is empty; give at least one operation, e.g. width-800 or fill-400x300.')
  }
  if (spec.length > MAX_SPEC_LENGTH) {
    throw invalidSpecError(spec, `it is longer than ${MAX_SPEC_LENGTH} characters; use fewer operations.`)
  }
  const operations = spec.split('|').map((part) => parseOperation(spec, part))
  const transforms = operations.filter((op): op is TransformOperation => op.kind === 'transform')
  const filters = operations.filter((op): op is FilterOperation => op.kind === 'filter')
  const fillCount = operations.filter((op) => op.name === 'fill').length
  return { spec, operations, transforms, filters, fillCount }
}

/** True when `spec` parses; never throws. */
export function isValidSpec(spec: string): boolean {
  try {
    parseSpec(spec)
    return true
  } catch {
    return false
  }
}

function parseOperation(spec: string, part: string): ImageOperation {
  if (part === '') {
    throw invalidSpecError(
      spec,
      'it has an empty operation; join operations with a single "|", e.g. width-800|format-webp.',
    )
  }
  const [name = '', ...args] = part.split('-')
  const factory = operationFactory(name)
  if (factory === undefined) {
    throw invalidSpecError(
      spec,
      `"${name}" in "${part}" is not an operation; use one of ${OPERATION_NAMES.join(', ')}.`,
    )
  }
  try {
    return factory(part, args)
  } catch (error) {
    if (error instanceof SpecPartError) throw invalidSpecError(spec, `${error.message}.`)
    throw error
  }
}
