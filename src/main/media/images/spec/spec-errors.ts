import { CastdeskError } from '../../../../shared/errors'

/** Thrown while one operation is parsed; the parser turns it into an `invalid_spec` error naming the whole spec. */
export class SpecPartError extends Error {
  override name = 'SpecPartError'
}

export function invalidSpecError(spec: string, detail: string): CastdeskError {
  return new CastdeskError('invalid_spec', `The image filter spec "${spec}" is invalid: ${detail}`)
}
