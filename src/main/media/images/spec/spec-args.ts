import { SpecPartError } from './spec-errors'

const DIGITS = /^[0-9]+$/

export interface SpecSize {
  width: number
  height: number
}

/** Fails unless the operation got between `min` and `max` arguments after its name. */
export function expectArgCount(
  part: string,
  args: readonly string[],
  min: number,
  max: number,
  usage: string,
) {
  if (args.length >= min && args.length <= max) return
  const plural = (count: number) => `${count} argument${count === 1 ? '' : 's'}`
  const expected =
    min === max
      ? plural(min)
      : max === Number.POSITIVE_INFINITY
        ? `at least ${plural(min)}`
        : `${min} to ${max} arguments`
  throw new SpecPartError(`"${part}" takes ${expected} but got ${args.length}; ${usage}`)
}

/**
 * A non-negative whole number written with ASCII digits only. Stricter than Python's `int()`,
 * which also accepts `+5`, ` 5` and `1_000`; none of those belong in a file name.
 */
export function parseWholeNumber(text: string, part: string, what: string, usage: string): number {
  if (!DIGITS.test(text)) {
    throw new SpecPartError(`${what} "${text}" in "${part}" is not a whole number; ${usage}`)
  }
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new SpecPartError(`${what} in "${part}" is too large; ${usage}`)
  return value
}

/** `800x600` → {width: 800, height: 600}; exactly one lower-case `x`. */
export function parseSize(text: string, part: string, usage: string): SpecSize {
  const pieces = text.split('x')
  if (pieces.length !== 2) throw new SpecPartError(`"${text}" in "${part}" is not a size WxH; ${usage}`)
  return {
    width: parseWholeNumber(pieces[0] ?? '', part, 'the width', usage),
    height: parseWholeNumber(pieces[1] ?? '', part, 'the height', usage),
  }
}
