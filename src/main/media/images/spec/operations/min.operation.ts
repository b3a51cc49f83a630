import { expectArgCount, parseSize } from '../spec-args'

const USAGE = 'use min-WxH, e.g. min-800x600'

/** `min-WxH`: cover the box, keeping the aspect ratio; never enlarges. */
export class MinOperation {
  readonly kind = 'transform' as const
  readonly name = 'min' as const
  readonly width: number
  readonly height: number

  constructor(part: string, args: readonly string[]) {
    expectArgCount(part, args, 1, 1, USAGE)
    const { width, height } = parseSize(args[0] ?? '', part, USAGE)
    this.width = width
    this.height = height
  }
}
