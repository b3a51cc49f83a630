import { expectArgCount, parseWholeNumber } from '../spec-args'
import { SpecPartError } from '../spec-errors'

export const QUALITY_OPERATIONS = {
  jpegquality: 'jpeg',
  webpquality: 'webp',
  avifquality: 'avif',
} as const

export type QualityOperationName = keyof typeof QUALITY_OPERATIONS

/** `jpegquality-N`, `webpquality-N`, `avifquality-N`: encoder quality 0-100 for that one format. */
export class QualityOperation {
  readonly kind = 'filter' as const
  readonly name: QualityOperationName
  readonly format: (typeof QUALITY_OPERATIONS)[QualityOperationName]
  readonly quality: number

  constructor(name: QualityOperationName, part: string, args: readonly string[]) {
    const usage = `use ${name}-N with N from 0 to 100, e.g. ${name}-80`
    expectArgCount(part, args, 1, 1, usage)
    const quality = parseWholeNumber(args[0] ?? '', part, 'the quality', usage)
    if (quality > 100) throw new SpecPartError(`the quality in "${part}" is higher than 100; ${usage}`)
    this.name = name
    this.format = QUALITY_OPERATIONS[name]
    this.quality = quality
  }
}
