/**
 * Where the library window opens: the saved position and size when they are still on a display,
 * else a default size the OS places. Pure: saved state and display work areas in, placement out.
 */

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

/** What `window-state.json` holds: the window's normal (un-maximized) bounds and whether it was maximized. */
export interface WindowState {
  bounds: Rect
  maximized: boolean
}

/** BrowserWindow options: no x/y means "let the OS place it" (centred on the primary display). */
export interface WindowPlacement {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const
export const MIN_SIZE = { width: 720, height: 480 } as const
/** How much of the window's top strip (where the title bar is) must lie on a display to count as visible. */
const GRAB_WIDTH = 120
const GRAB_HEIGHT = 32

/** The saved state when it is well-formed (finite integers, positive size), else null. */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null) return null
  const { bounds, maximized } = raw as { bounds?: unknown; maximized?: unknown }
  if (typeof bounds !== 'object' || bounds === null || typeof maximized !== 'boolean') return null
  const { x, y, width, height } = bounds as Record<string, unknown>
  const ints = [x, y, width, height]
  if (!ints.every((n) => typeof n === 'number' && Number.isInteger(n) && Math.abs(n) < 1e6)) return null
  if ((width as number) <= 0 || (height as number) <= 0) return null
  return { bounds: { x, y, width, height } as Rect, maximized }
}

/**
 * Restores `saved` when its title strip lies on one of `workAreas` (the first is the primary),
 * shrunk to fit that display and moved fully onto it; otherwise opens at the default size
 * (fitted to the primary display) and lets the OS place it. A saved maximized flag is kept either way.
 */
export function placeWindow(
  saved: WindowState | null,
  workAreas: readonly Rect[],
  defaults: { width: number; height: number } = DEFAULT_SIZE,
): WindowPlacement {
  const area = saved ? displayHolding(saved.bounds, workAreas) : null
  if (!saved || !area) {
    const primary = workAreas[0]
    return {
      width: primary ? within(defaults.width, MIN_SIZE.width, primary.width) : defaults.width,
      height: primary ? within(defaults.height, MIN_SIZE.height, primary.height) : defaults.height,
      maximized: saved?.maximized ?? false,
    }
  }
  const width = within(saved.bounds.width, MIN_SIZE.width, area.width)
  const height = within(saved.bounds.height, MIN_SIZE.height, area.height)
  return {
    x: clamp(saved.bounds.x, area.x, area.x + area.width - width),
    y: clamp(saved.bounds.y, area.y, area.y + area.height - height),
    width,
    height,
    maximized: saved.maximized,
  }
}

/** The work area most of the window's title strip lies on, if enough of it does to grab it. */
function displayHolding(bounds: Rect, workAreas: readonly Rect[]): Rect | null {
  const strip = {
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: Math.min(GRAB_HEIGHT, bounds.height),
  }
  let best: Rect | null = null
  let bestWidth = 0
  for (const area of workAreas) {
    const overlap = intersection(strip, area)
    if (!overlap) continue
    const enough = overlap.width >= Math.min(GRAB_WIDTH, strip.width) && overlap.height >= strip.height / 2
    if (enough && overlap.width > bestWidth) {
      best = area
      bestWidth = overlap.width
    }
  }
  return best
}

function intersection(a: Rect, b: Rect): Rect | null {
  const x = Math.max(a.x, b.x)
  const y = Math.max(a.y, b.y)
  const right = Math.min(a.x + a.width, b.x + b.width)
  const bottom = Math.min(a.y + a.height, b.y + b.height)
  return right > x && bottom > y ? { x, y, width: right - x, height: bottom - y } : null
}

/** `value` within [min, max], except that a display smaller than `min` wins over `min`. */
function within(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max)
}

function clamp(value: number, min: number, max: number): number {
  return Math.max(min, Math.min(value, max))
}
