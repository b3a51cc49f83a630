import { expectArgCount } from '../spec-args'

/**
 * `srgb`: django-cast's extra operation (its gallery thumbnails use it): convert to compact sRGB,
 * or strip the ICC profile when conversion fails.
 */
export class SrgbOperation {
  readonly kind = 'filter' as const
  readonly name = 'srgb' as const

  constructor(part: string, args: readonly string[]) {
    expectArgCount(part, args, 0, 0, 'use just "srgb"')
  }
}
