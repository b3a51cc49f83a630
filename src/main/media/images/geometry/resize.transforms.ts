import { CastdeskError } from '../../../../shared/errors'
import type { HeightOperation } from '../spec/operations/height.operation'
import type { MaxOperation } from '../spec/operations/max.operation'
import type { MinOperation } from '../spec/operations/min.operation'
import type { ScaleOperation } from '../spec/operations/scale.operation'
import type { WidthOperation } from '../spec/operations/width.operation'
import type { VirtualTransform } from './virtual-transform'

// Wagtail truncates with int() and bumps a zero side to 1 (a resize to 0 would fail).
function side(value: number): number {
  const truncated = Math.trunc(value)
  return truncated > 0 ? truncated : 1
}

/** Fit inside the box; unchanged when it already fits. */
export function runMax(op: MaxOperation, t: VirtualTransform): VirtualTransform {
  if (t.width <= op.width && t.height <= op.height) return t
  const horizontal = op.width / t.width
  const vertical = op.height / t.height
  return horizontal < vertical
    ? t.resize(side(op.width), side(t.height * horizontal))
    : t.resize(side(t.width * vertical), side(op.height))
}

/** Cover the box; unchanged when either side is already within it. */
export function runMin(op: MinOperation, t: VirtualTransform): VirtualTransform {
  if (t.width <= op.width || t.height <= op.height) return t
  const horizontal = op.width / t.width
  const vertical = op.height / t.height
  return horizontal > vertical
    ? t.resize(side(op.width), side(t.height * horizontal))
    : t.resize(side(t.width * vertical), side(op.height))
}

export function runWidth(op: WidthOperation, t: VirtualTransform): VirtualTransform {
  if (t.width <= op.size) return t
  const scale = op.size / t.width
  return t.resize(side(op.size), side(t.height * scale))
}

export function runHeight(op: HeightOperation, t: VirtualTransform): VirtualTransform {
  if (t.height <= op.size) return t
  const scale = op.size / t.height
  return t.resize(side(t.width * scale), side(op.size))
}

/** The one operation that may enlarge. */
export function runScale(op: ScaleOperation, t: VirtualTransform): VirtualTransform {
  const scale = op.percent / 100
  const width = side(t.width * scale)
  const height = side(t.height * scale)
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height)) {
    throw new CastdeskError(
      'invalid_spec',
      `scale-${op.percent} would make the image too large; use a smaller percentage.`,
    )
  }
  return t.resize(width, height)
}
