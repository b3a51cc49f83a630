export interface Size {
  width: number
  height: number
}

/** Python 3's round(): halves go to the even neighbour (2.5 → 2, 3.5 → 4). */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value)
  const fraction = value - floor
  if (fraction > 0.5) return floor + 1
  if (fraction < 0.5) return floor
  return floor % 2 === 0 ? floor : floor + 1
}

/**
 * django-cast's calculate_fitting_width: the slot width when the image is wider than the slot's
 * aspect, else the slot height times the image's aspect, rounded half to even. Never capped at the
 * original width, and 0 for an extremely tall image (as in django-cast).
 */
export function fittingWidth(image: Size, slot: Size): number {
  const imageAspect = image.width / image.height
  const slotAspect = slot.width / slot.height
  return imageAspect > slotAspect ? slot.width : roundHalfEven(slot.height * imageAspect)
}
