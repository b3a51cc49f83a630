import { expectArgCount, parseWholeNumber } from '../spec-args'

const USAGE = 'use height-N, e.g. height-600'

/** `height-N`: set the height, keeping the aspect ratio; never enlarges. */
export class HeightOperation {
  readonly kind = 'transform' as const
  readonly name = 'height' as const
  readonly size: number

  constructor(part: string, args: readonly string[]) {
    expectArgCount(part, args, 1, 1, USAGE)
    this.size = parseWholeNumber(args[0] ?? '', part, 'the height', USAGE)
  }
}
