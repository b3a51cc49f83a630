import { expectArgCount, parseSize, parseWholeNumber } from '../spec-args'
import { SpecPartError } from '../spec-errors'

const USAGE = 'use fill-WxH with an optional crop closeness cN (0-100), e.g. fill-800x600 or fill-800x600-c50'

/** `fill-WxH[-cN]`: crop to the aspect W:H around the focal point, then shrink to exactly W×H. */
export class FillOperation {
  readonly kind = 'transform' as const
  readonly name = 'fill' as const
  readonly width: number
  readonly height: number
  /** 0 takes the widest crop; 1 zooms as close to the focal point as the target size allows. */
  readonly cropCloseness: number

  constructor(part: string, args: readonly string[]) {
    expectArgCount(part, args, 1, Number.POSITIVE_INFINITY, USAGE)
    const [size = '', ...extras] = args
    const { width, height } = parseSize(size, part, USAGE)
    // Wagtail divides by these at run time; refuse them now instead.
    if (width < 1 || height < 1) throw new SpecPartError(`"${part}" has a zero width or height; ${USAGE}`)
    let closeness = 0
    for (const extra of extras) {
      if (!extra.startsWith('c'))
        throw new SpecPartError(`"${part}" has an unknown part "${extra}"; ${USAGE}`)
      closeness = parseWholeNumber(extra.slice(1), part, 'the crop closeness', USAGE)
    }
    this.width = width
    this.height = height
    this.cropCloseness = Math.min(closeness / 100, 1)
  }
}
