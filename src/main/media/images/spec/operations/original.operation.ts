import { expectArgCount } from '../spec-args'

/** `original`: no transform; the image is still re-encoded in its output format. */
export class OriginalOperation {
  readonly kind = 'filter' as const
  readonly name = 'original' as const

  constructor(part: string, args: readonly string[]) {
    expectArgCount(part, args, 0, 0, 'use just "original"')
  }
}
