import { rm, stat } from 'node:fs/promises'
import { runTool } from '../tools/run-tool'
import { formatSeconds } from './poster-time'

/** django-cast gives its poster command 30 s too. */
export const POSTER_TIMEOUT_MS = 30_000

export interface FrameRequest {
  /** A local video file (or anything ffmpeg can open). */
  input: string
  seconds: number
  /** Display size to scale to; null keeps ffmpeg's own size (rotation applied, pixels not squared). */
  size: { width: number; height: number } | null
  /** The JPEG to write; replaced if it exists. */
  output: string
  timeoutMs?: number
}

/**
 * Writes one JPEG frame of a video with ffmpeg and says whether a frame was found there. Decides
 * nothing: which time, which size and what a missing frame means are the caller's.
 *
 * `-ss` before `-i` is the fast seek: ffmpeg jumps to the keyframe before the time through the
 * container's index and decodes only from there to the exact frame (accurate_seek, the default).
 * ffmpeg turns the picture by the rotation metadata itself (autorotate); the scale to the display
 * size then squares non-square pixels, and setsar=1 says so in the JPEG.
 */
export async function extractFrame(ffmpegPath: string, request: FrameRequest): Promise<boolean> {
  const filters = request.size ? ['-vf', `scale=${request.size.width}:${request.size.height},setsar=1`] : []
  await rm(request.output, { force: true })
  await runTool(
    ffmpegPath,
    [
      ...['-v', 'error', '-nostdin', '-y'],
      ...['-ss', formatSeconds(request.seconds), '-i', request.input],
      // the first video stream that is not cover art; no audio, subtitle or data decoding
      ...['-map', '0:V:0', '-an', '-sn', '-dn'],
      ...['-frames:v', '1', ...filters],
      ...['-c:v', 'mjpeg', '-q:v', '2', '-f', 'image2', request.output],
    ],
    { timeoutMs: request.timeoutMs ?? POSTER_TIMEOUT_MS },
  )
  // A seek past the last frame ends without error and without a file.
  const written = await stat(request.output).catch(() => null)
  return written !== null && written.size > 0
}
