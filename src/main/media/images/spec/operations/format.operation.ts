import { expectArgCount } from '../spec-args'
import { SpecPartError } from '../spec-errors'

export const OUTPUT_FORMATS = ['jpeg', 'png', 'gif', 'webp', 'avif'] as const
export type OutputFormat = (typeof OUTPUT_FORMATS)[number]

const USAGE = `use format-F or format-F-lossless with F one of ${OUTPUT_FORMATS.join(', ')}, e.g. format-webp`

function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value)
}

/**
 * `format-F[-lossless]`: the output format. `lossless` only changes WebP and AVIF (PNG and GIF are
 * lossless anyway; Wagtail ignores it for JPEG). Wagtail's `ico` and `heic` are not offered.
 */
export class FormatOperation {
  readonly kind = 'filter' as const
  readonly name = 'format' as const
  readonly format: OutputFormat
  readonly lossless: boolean

  constructor(part: string, args: readonly string[]) {
    expectArgCount(part, args, 1, 2, USAGE)
    const [format = '', option] = args
    if (!isOutputFormat(format))
      throw new SpecPartError(`"${format}" in "${part}" is not a supported format; ${USAGE}`)
    if (option !== undefined && option !== 'lossless') {
      throw new SpecPartError(`"${part}" has an unknown option "${option}"; ${USAGE}`)
    }
    this.format = format
    this.lossless = option === 'lossless'
  }
}
