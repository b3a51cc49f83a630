import { expectArgCount, parseSize } from '../spec-args'

const USAGE = 'use max-WxH, e.g. max-800x600'

/** `max-WxH`: fit inside the box, keeping the aspect ratio; never enlarges. */
export class MaxOperation {
  readonly kind = 'transform' as const
  readonly name = 'max' as const
  readonly width: number
  readonly height: number

  constructor(part: string, args: readonly string[]) {
    expectArgCount(part, args, 1, 1, USAGE)
    const { width, height } = parseSize(args[0] ?? '', part, USAGE)
    this.width = width
    this.height = height
  }
}
