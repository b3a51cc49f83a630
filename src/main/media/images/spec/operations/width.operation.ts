import { expectArgCount, parseWholeNumber } from '../spec-args'

const USAGE = 'use width-N, e.g. width-800'

/** `width-N`: set the width, keeping the aspect ratio; never enlarges. */
export class WidthOperation {
  readonly kind = 'transform' as const
  readonly name = 'width' as const
  readonly size: number

  constructor(part: string, args: readonly string[]) {
    expectArgCount(part, args, 1, 1, USAGE)
    this.size = parseWholeNumber(args[0] ?? '', part, 'the width', USAGE)
  }
}
