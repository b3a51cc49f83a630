import { expectArgCount } from '../spec-args'
import { SpecPartError } from '../spec-errors'

const USAGE = 'use scale-P with a percentage, e.g. scale-50 or scale-12.5'
// Python's float() also takes "inf", "nan" and "1_0"; Wagtail then crashes on the first two at run time.
const DECIMAL = /^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE]\+?[0-9]+)?$/

/** `scale-P`: multiply both sides by P percent. The only operation that can enlarge. */
export class ScaleOperation {
  readonly kind = 'transform' as const
  readonly name = 'scale' as const
  readonly percent: number

  constructor(part: string, args: readonly string[]) {
    expectArgCount(part, args, 1, 1, USAGE)
    const text = args[0] ?? ''
    const percent = Number(text)
    if (!DECIMAL.test(text) || !Number.isFinite(percent)) {
      throw new SpecPartError(`the percentage "${text}" in "${part}" is not a number; ${USAGE}`)
    }
    this.percent = percent
  }
}
