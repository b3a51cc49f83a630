import { CastdeskError } from '../../../../shared/errors'
import type { Rect } from './rect'

/**
 * Wagtail's ImageTransform: the current size plus the scale and offset that map it back to the
 * source. Immutable; `resize` and `crop` return new transforms. Expressions keep Wagtail's order so
 * that doubles round exactly as Python's floats do.
 */
export class VirtualTransform {
  constructor(
    readonly width: number,
    readonly height: number,
    readonly scaleX = 1,
    readonly scaleY = 1,
    readonly offsetX = 0,
    readonly offsetY = 0,
  ) {
    checkSize(width, height)
  }

  resize(width: number, height: number): VirtualTransform {
    return new VirtualTransform(
      width,
      height,
      (this.scaleX * width) / this.width,
      (this.scaleY * height) / this.height,
      this.offsetX,
      this.offsetY,
    )
  }

  /** `rect` is in the current (transformed) coordinates and must already be rounded. */
  crop(rect: Rect): VirtualTransform {
    return new VirtualTransform(
      rect.right - rect.left,
      rect.bottom - rect.top,
      this.scaleX,
      this.scaleY,
      this.offsetX - rect.left / this.scaleX,
      this.offsetY - rect.top / this.scaleY,
    )
  }

  /** The region of the source this transform shows, in source pixels (not rounded). */
  sourceRect(): Rect {
    return {
      left: -this.offsetX,
      top: -this.offsetY,
      right: -this.offsetX + this.width / this.scaleX,
      bottom: -this.offsetY + this.height / this.scaleY,
    }
  }
}

function checkSize(width: number, height: number): void {
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw new CastdeskError('internal', `An image transform reached an impossible size ${width}x${height}.`)
  }
}
