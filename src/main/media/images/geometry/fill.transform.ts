import type { FillOperation } from '../spec/operations/fill.operation'
import { moveToClamp, moveToCover, type Rect, rectFromPoint, roundOutward } from './rect'
import type { VirtualTransform } from './virtual-transform'

/**
 * Wagtail's FillOperation.run. `focal` is the image's focal rect in SOURCE pixels, used as is even
 * when earlier operations already resized the transform (Wagtail does the same).
 */
export function runFill(
  op: FillOperation,
  transform: VirtualTransform,
  focal: Rect | null,
): VirtualTransform {
  const imageWidth = transform.width
  const imageHeight = transform.height
  const aspect = op.width / op.height

  // The largest crop of the target aspect that fits the image.
  const maxScale = Math.min(imageWidth, imageHeight * aspect)
  const maxWidth = maxScale
  const maxHeight = maxScale / aspect
  let cropWidth = maxWidth
  let cropHeight = maxHeight

  if (focal !== null) {
    // The smallest crop that still shows the whole focal rect.
    const focalWidth = focal.right - focal.left
    const focalHeight = focal.bottom - focal.top
    const minScale = Math.max(focalWidth, focalHeight * aspect)
    const minWidth = minScale
    const minHeight = minScale / aspect
    if (!(minScale >= maxScale)) {
      // The closeness at which the crop would equal the target size: going further would upscale.
      const maxCloseness = Math.max(
        1 - (op.width - minWidth) / (maxWidth - minWidth),
        1 - (op.height - minHeight) / (maxHeight - minHeight),
      )
      const closeness = Math.min(op.cropCloseness, maxCloseness)
      if (closeness >= 0 && closeness <= 1) {
        cropWidth = maxWidth + (minWidth - maxWidth) * closeness
        cropHeight = maxHeight + (minHeight - maxHeight) * closeness
      }
    }
  }

  // The focal point keeps the relative position inside the crop that it has inside the image.
  const focusX = focal === null ? imageWidth / 2 : (focal.left + focal.right) / 2
  const focusY = focal === null ? imageHeight / 2 : (focal.top + focal.bottom) / 2
  const u = focusX / imageWidth
  const v = focusY / imageHeight
  const centreX = focusX - (u - 0.5) * cropWidth
  const centreY = focusY - (v - 0.5) * cropHeight

  let rect = rectFromPoint(centreX, centreY, cropWidth, cropHeight)
  if (focal !== null) rect = moveToCover(rect, focal)
  rect = moveToClamp(rect, { left: 0, top: 0, right: imageWidth, bottom: imageHeight })

  const cropped = transform.crop(roundOutward(rect))
  // Only ever shrink: a crop narrower than the target stays at its own size.
  return op.width / cropped.width < 1 ? cropped.resize(op.width, op.height) : cropped
}
