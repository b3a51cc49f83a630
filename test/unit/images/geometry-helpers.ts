import { type FocalPoint, planRendition, type SourceFormat } from '../../../src/main/media/images/geometry'

export interface Outcome {
  /** Crop in source pixels as Wagtail's (left, top, right, bottom). */
  rect: [number, number, number, number]
  size: [number, number]
  crop: boolean
  resize: boolean
}

/** Plans `spec` and reports it in the shape of Wagtail's tests. */
export function outcome(
  spec: string,
  width: number,
  height: number,
  focal: [number, number, number, number] | null = null,
  format: SourceFormat = 'jpeg',
): Outcome {
  const point: FocalPoint | null = focal && { x: focal[0], y: focal[1], width: focal[2], height: focal[3] }
  const plan = planRendition(spec, { width, height, format }, point)
  const crop = plan.crop ?? { left: 0, top: 0, width, height }
  return {
    rect: [crop.left, crop.top, crop.left + crop.width, crop.top + crop.height],
    size: [plan.width, plan.height],
    crop: plan.crop !== null,
    resize: plan.resize !== null,
  }
}
