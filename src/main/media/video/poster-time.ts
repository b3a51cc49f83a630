/** Where a poster frame is taken (pure: no I/O). */

/** The default poster time, as django-cast's `poster_seconds`. */
export const DEFAULT_POSTER_SECONDS = 1

/**
 * How far before the reported end the last frame is looked for. A seek to the very end finds no
 * frame; 0.1 s lands on the last frame of anything from 10 frames per second up.
 */
export const END_MARGIN_SECONDS = 0.1

/**
 * The times to try, best first: the requested second clamped into [0, duration − margin], then
 * one second earlier, then the first frame. Later times are only tried when an earlier one found
 * no frame (a container reporting a longer duration than its pictures, or a damaged tail).
 */
export function posterAttempts(requestedSeconds: number, durationMs: number | null): number[] {
  const wanted = Number.isFinite(requestedSeconds) ? Math.max(0, requestedSeconds) : DEFAULT_POSTER_SECONDS
  const last =
    durationMs === null ? Number.POSITIVE_INFINITY : Math.max(0, durationMs / 1000 - END_MARGIN_SECONDS)
  const first = roundMs(Math.min(wanted, last))
  return [...new Set([first, roundMs(Math.max(0, first - 1)), 0])]
}

/** Seconds as ffmpeg's `-ss` takes them, to the millisecond. */
export function formatSeconds(seconds: number): string {
  return roundMs(seconds).toFixed(3)
}

function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000
}
