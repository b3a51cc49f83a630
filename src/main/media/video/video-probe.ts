import { CastdeskError } from '../../../shared/errors'
import { type FfprobeResult, type FfprobeStream, secondsToMs } from '../tools/ffprobe'

export type Orientation = 'portrait' | 'landscape' | 'square'

export interface VideoProbe {
  /** Display size: rotation and sample aspect ratio applied. */
  width: number
  height: number
  orientation: Orientation
  durationMs: number | null
  codec: string
}

/** The first real video stream (cover art in an audio file does not count). */
export function findVideoStream(probe: FfprobeResult): FfprobeStream | undefined {
  return (probe.streams ?? []).find(
    (s) =>
      s.codec_type === 'video' && !s.disposition?.attached_pic && (s.width ?? 0) > 0 && (s.height ?? 0) > 0,
  )
}

export function interpretVideoProbe(probe: FfprobeResult, fileLabel: string): VideoProbe {
  const stream = findVideoStream(probe)
  if (!stream?.width || !stream.height) {
    throw new CastdeskError(
      'corrupt_media',
      `${fileLabel} has no readable video stream. Re-export it and import it again.`,
    )
  }
  const [sarNum, sarDen] = parseRatio(stream.sample_aspect_ratio)
  let width = Math.round((stream.width * sarNum) / sarDen)
  let height = stream.height
  if (Math.abs(rotationDegrees(stream)) % 180 === 90) [width, height] = [height, width]
  return {
    width,
    height,
    orientation: width === height ? 'square' : width > height ? 'landscape' : 'portrait',
    durationMs: secondsToMs(probe.format?.duration) ?? secondsToMs(stream.duration),
    codec: stream.codec_name ?? 'unknown',
  }
}

function rotationDegrees(stream: FfprobeStream): number {
  const fromMatrix = stream.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation
  if (typeof fromMatrix === 'number') return fromMatrix
  return Number(stream.tags?.rotate ?? 0) || 0
}

function parseRatio(value: string | undefined): [number, number] {
  const match = /^(\d+):(\d+)$/.exec(value ?? '')
  const num = Number(match?.[1])
  const den = Number(match?.[2])
  return num > 0 && den > 0 ? [num, den] : [1, 1]
}
