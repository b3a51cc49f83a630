import type { FocalPoint } from './geometry-types'

/** Wagtail's Rect: edges in (possibly fractional) pixels. */
export interface Rect {
  readonly left: number
  readonly top: number
  readonly right: number
  readonly bottom: number
}

export function rectFromPoint(x: number, y: number, width: number, height: number): Rect {
  return { left: x - width / 2, top: y - height / 2, right: x + width / 2, bottom: y + height / 2 }
}

export function focalRect(focal: FocalPoint): Rect {
  return rectFromPoint(focal.x, focal.y, focal.width, focal.height)
}

/** Shifts `rect` (never resizes it) until it covers `other`; each edge is checked in Wagtail's order. */
export function moveToCover(rect: Rect, other: Rect): Rect {
  let { left, top, right, bottom } = rect
  if (left > other.left) {
    right -= left - other.left
    left = other.left
  }
  if (top > other.top) {
    bottom -= top - other.top
    top = other.top
  }
  if (right < other.right) {
    left += other.right - right
    right = other.right
  }
  if (bottom < other.bottom) {
    top += other.bottom - bottom
    bottom = other.bottom
  }
  return { left, top, right, bottom }
}

/** Shifts `rect` back inside `bounds`: left/top first, then right/bottom. */
export function moveToClamp(rect: Rect, bounds: Rect): Rect {
  let { left, top, right, bottom } = rect
  if (left < bounds.left) {
    right -= left - bounds.left
    left = bounds.left
  }
  if (top < bounds.top) {
    bottom -= top - bounds.top
    top = bounds.top
  }
  if (right > bounds.right) {
    left -= right - bounds.right
    right = bounds.right
  }
  if (bottom > bounds.bottom) {
    top -= bottom - bounds.bottom
    bottom = bounds.bottom
  }
  return { left, top, right, bottom }
}

/** Floors left/top and ceils right/bottom, so the box only grows (`+ 0` turns -0 into 0). */
export function roundOutward(rect: Rect): Rect {
  return {
    left: Math.floor(rect.left) + 0,
    top: Math.floor(rect.top) + 0,
    right: Math.ceil(rect.right) + 0,
    bottom: Math.ceil(rect.bottom) + 0,
  }
}
