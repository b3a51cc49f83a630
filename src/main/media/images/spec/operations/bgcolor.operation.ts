import { expectArgCount } from '../spec-args'
import { SpecPartError } from '../spec-errors'

export interface Rgb {
  r: number
  g: number
  b: number
}

const USAGE =
  'use bgcolor-RGB or bgcolor-RRGGBB in hexadecimal without "#", e.g. bgcolor-fff or bgcolor-1f6feb'
const HEX = /^(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/

/** `bgcolor-RGB|RRGGBB`: composite onto a solid colour, dropping alpha. */
export class BackgroundColorOperation {
  readonly kind = 'filter' as const
  readonly name = 'bgcolor' as const
  readonly color: Rgb

  constructor(part: string, args: readonly string[]) {
    expectArgCount(part, args, 1, 1, USAGE)
    const hex = args[0] ?? ''
    if (!HEX.test(hex)) throw new SpecPartError(`"${hex}" in "${part}" is not a hexadecimal colour; ${USAGE}`)
    const digits =
      hex.length === 3
        ? [...hex].map((digit) => digit + digit)
        : [hex.slice(0, 2), hex.slice(2, 4), hex.slice(4)]
    const [r = 0, g = 0, b = 0] = digits.map((pair) => Number.parseInt(pair, 16))
    this.color = { r, g, b }
  }
}
