import { expect } from 'vitest'
import { CastdeskError, type ErrorCode } from '../../../src/shared/errors'

/** Runs `fn`, expects a CastdeskError with `code`, and returns its message. */
export function errorMessage(code: ErrorCode, fn: () => unknown): string {
  try {
    fn()
  } catch (error) {
    expect(error).toBeInstanceOf(CastdeskError)
    expect((error as CastdeskError).code).toBe(code)
    return (error as CastdeskError).message
  }
  throw new Error('expected a CastdeskError, but nothing was thrown')
}
