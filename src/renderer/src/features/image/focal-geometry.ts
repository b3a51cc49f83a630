import type { FocalPoint } from '../../../../shared/media'

/** A rectangle in display pixels of the preview, corners in any order. */
export interface DragBox {
  x0: number
  y0: number
  x1: number
  y1: number
}

/**
 * The focal point (centre and size in source pixels, as `images.focal` takes it) of a box dragged
 * on a preview `shown` pixels wide and high of an image `source` pixels in size. A click without a
 * drag gives a point (width and height 0). Pure.
 */
export function focalFromBox(
  box: DragBox,
  shown: { width: number; height: number },
  source: { width: number; height: number },
): FocalPoint {
  const sx = source.width / shown.width
  const sy = source.height / shown.height
  const clampX = (v: number) => Math.min(source.width, Math.max(0, v * sx))
  const clampY = (v: number) => Math.min(source.height, Math.max(0, v * sy))
  const left = clampX(Math.min(box.x0, box.x1))
  const right = clampX(Math.max(box.x0, box.x1))
  const top = clampY(Math.min(box.y0, box.y1))
  const bottom = clampY(Math.max(box.y0, box.y1))
  return {
    x: Math.round((left + right) / 2),
    y: Math.round((top + bottom) / 2),
    width: Math.round(right - left),
    height: Math.round(bottom - top),
  }
}

/** Where a focal point sits on the preview, as CSS percentages of its box. */
export function focalToPercent(
  focal: FocalPoint,
  source: { width: number; height: number },
): { left: number; top: number; width: number; height: number } {
  return {
    left: ((focal.x - focal.width / 2) / source.width) * 100,
    top: ((focal.y - focal.height / 2) / source.height) * 100,
    width: (focal.width / source.width) * 100,
    height: (focal.height / source.height) * 100,
  }
}
