import { CastdeskError } from '../../../../shared/errors'
import { type ParsedSpec, parseSpec, type TransformOperation } from '../spec'
import { runFill } from './fill.transform'
import type { FocalPoint, RenditionPlan, SourceImage } from './geometry-types'
import { ENCODER_DEFAULTS, type EncoderDefaults, resolveOutput } from './output-settings'
import { focalRect, type Rect, roundOutward } from './rect'
import { runHeight, runMax, runMin, runScale, runWidth } from './resize.transforms'
import { VirtualTransform } from './virtual-transform'

/**
 * Turns a filter spec into the crop, resize and encoder settings Wagtail would use for this source
 * (already EXIF-oriented) and focal point. Throws `invalid_spec` for a bad spec and `invalid_input`
 * for an impossible source size or focal point.
 */
export function planRendition(
  spec: string | ParsedSpec,
  source: SourceImage,
  focal: FocalPoint | null = null,
  defaults: EncoderDefaults = ENCODER_DEFAULTS,
): RenditionPlan {
  const parsed = typeof spec === 'string' ? parseSpec(spec) : spec
  checkSource(source)
  if (focal !== null) checkFocalPoint(focal)
  const focus = focal === null ? null : focalRect(focal)
  let transform = new VirtualTransform(source.width, source.height)
  for (const op of parsed.transforms) transform = runTransform(op, transform, focus)

  const crop = clampToSource(roundOutward(transform.sourceRect()), source)
  const cropWidth = crop.right - crop.left
  const cropHeight = crop.bottom - crop.top
  const wholeImage =
    crop.left === 0 && crop.top === 0 && cropWidth === source.width && cropHeight === source.height
  const sameSize = transform.width === cropWidth && transform.height === cropHeight
  return {
    spec: parsed.spec,
    crop: wholeImage ? null : { left: crop.left, top: crop.top, width: cropWidth, height: cropHeight },
    resize: sameSize ? null : { width: transform.width, height: transform.height },
    width: transform.width,
    height: transform.height,
    ...resolveOutput(parsed.filters, source, defaults),
  }
}

function runTransform(
  op: TransformOperation,
  transform: VirtualTransform,
  focal: Rect | null,
): VirtualTransform {
  switch (op.name) {
    case 'fill':
      return runFill(op, transform, focal)
    case 'max':
      return runMax(op, transform)
    case 'min':
      return runMin(op, transform)
    case 'width':
      return runWidth(op, transform)
    case 'height':
      return runHeight(op, transform)
    case 'scale':
      return runScale(op, transform)
  }
}

// Willow clamps the crop box to the image before cropping.
function clampToSource(rect: Rect, source: SourceImage): Rect {
  return {
    left: Math.max(0, rect.left),
    top: Math.max(0, rect.top),
    right: Math.min(rect.right, source.width),
    bottom: Math.min(rect.bottom, source.height),
  }
}

function checkSource(source: SourceImage): void {
  const { width, height } = source
  if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height) || width < 1 || height < 1) {
    throw new CastdeskError(
      'invalid_input',
      `An image of ${width}x${height} pixels cannot be resized; its width and height must be whole numbers of at least 1.`,
    )
  }
}

function checkFocalPoint(focal: FocalPoint): void {
  const values = [focal.x, focal.y, focal.width, focal.height]
  if (!values.every((value) => Number.isFinite(value) && value >= 0)) {
    throw new CastdeskError(
      'invalid_input',
      `The focal point ${values.join(', ')} is not usable; x, y, width and height must be numbers of at least 0.`,
    )
  }
}
