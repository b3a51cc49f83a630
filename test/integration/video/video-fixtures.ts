import { execFileSync } from 'node:child_process'
import sharp from 'sharp'
import { ffmpegPath } from '../../helpers/media-fixtures'

/** Real videos for the video tests, made with the bundled ffmpeg from lavfi colour sources. */

export type Colour = 'red' | 'lime' | 'blue'

export const RGB: Record<Colour, [number, number, number]> = {
  red: [255, 0, 0],
  lime: [0, 255, 0],
  blue: [0, 0, 255],
}

export interface StepVideo {
  codec: 'h264' | 'vp9'
  /** Coded size. */
  width: number
  height: number
  /** Colour segments in order, each `seconds` long. */
  steps: { colour: Colour; seconds: number }[]
  /** Sample aspect ratio, e.g. "4/3" (default square pixels). */
  sar?: string
  /** Paints the lower half white, so a test can tell which way the picture was turned. */
  whiteLowerHalf?: boolean
}

function ffmpeg(args: string[]): void {
  execFileSync(ffmpegPath(), ['-v', 'error', '-nostdin', '-y', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  })
}

/**
 * A video whose colour changes at known seconds. One keyframe for the whole video (no scene-cut
 * keyframes at the colour changes), so a poster at 2 s really needs a seek plus decoding.
 */
export function makeStepVideo(path: string, video: StepVideo): string {
  const size = `${video.width}x${video.height}`
  const inputs = video.steps.flatMap(({ colour, seconds }) => [
    '-f',
    'lavfi',
    '-i',
    `color=c=${colour}:s=${size}:r=25:d=${seconds}`,
  ])
  const filters = [
    `${video.steps.map((_, i) => `[${i}:v]`).join('')}concat=n=${video.steps.length}:v=1:a=0`,
    ...(video.whiteLowerHalf
      ? [`drawbox=x=0:y=${video.height / 2}:w=${video.width}:h=${video.height / 2}:c=white:t=fill`]
      : []),
    ...(video.sar ? [`setsar=${video.sar}`] : []),
  ]
  const codec =
    video.codec === 'h264'
      ? ['-c:v', 'libx264', '-preset', 'ultrafast', '-sc_threshold', '0']
      : ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8']
  ffmpeg([
    ...inputs,
    '-filter_complex',
    filters.join(','),
    ...codec,
    '-g',
    '250',
    '-pix_fmt',
    'yuv420p',
    path,
  ])
  return path
}

/** Copies `source` to `path` with a rotation flag on the video stream (no re-encoding). */
export function withRotationFlag(source: string, path: string, degrees: number): string {
  ffmpeg(['-i', source, '-c', 'copy', '-metadata:s:v:0', `rotate=${degrees}`, path])
  return path
}

/** Mean R, G, B of an image region (the whole image by default). */
export async function meanColour(
  path: string,
  region?: { left: number; top: number; width: number; height: number },
): Promise<[number, number, number]> {
  // stats() reads the input, not the pipeline: extract into a buffer first.
  const image = region ? sharp(await sharp(path).extract(region).png().toBuffer()) : sharp(path)
  const { channels } = await image.stats()
  return [0, 1, 2].map((i) => Math.round(channels[i]?.mean ?? -1)) as [number, number, number]
}

/** Whether a mean colour is within `tolerance` of a named colour on every channel. */
export function isColour(rgb: readonly number[], colour: Colour, tolerance = 24): boolean {
  return RGB[colour].every((value, i) => Math.abs((rgb[i] ?? -1000) - value) <= tolerance)
}

export async function pixelSize(path: string): Promise<{ width: number; height: number }> {
  const meta = await sharp(path).metadata()
  return { width: meta.width ?? 0, height: meta.height ?? 0 }
}
