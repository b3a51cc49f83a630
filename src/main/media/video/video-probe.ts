import { CastdeskError } from '../../../shared/errors'
import { type FfprobeResult, type FfprobeStream, secondsToMs } from '../tools/ffprobe'

export type Orientation = 'portrait' | 'landscape' | 'square'

export interface VideoProbe {
  /** Display size: sample aspect ratio and rotation applied, as a player shows the picture. */
  width: number
  height: number
  orientation: Orientation
  /** The rotation ffprobe reports, as a quarter turn (0, 90, 180 or 270 degrees). */
  rotation: 0 | 90 | 180 | 270
  durationMs: number | null
  /** ffprobe's codec names: the video stream's, and the first audio stream's (null without sound). */
  codec: string
  audioCodec: string | null
}

/** The first real video stream (cover art in an audio file does not count). */
export function findVideoStream(probe: FfprobeResult): FfprobeStream | undefined {
  return (probe.streams ?? []).find(
    (s) =>
      s.codec_type === 'video' && !s.disposition?.attached_pic && (s.width ?? 0) > 0 && (s.height ?? 0) > 0,
  )
}

/**
 * Reads ffprobe's JSON (`-show_streams -show_format`): the coded size scaled by the sample aspect
 * ratio, then turned by the rotation (display-matrix side data, else the legacy `rotate` tag).
 */
export function interpretVideoProbe(probe: FfprobeResult, fileLabel: string): VideoProbe {
  const stream = findVideoStream(probe)
  if (!stream?.width || !stream.height) {
    throw new CastdeskError(
      'corrupt_media',
      `${fileLabel} has no readable video stream. Re-export it and import it again.`,
    )
  }
  const [sarNum, sarDen] = parseRatio(stream.sample_aspect_ratio)
  let width = Math.max(1, Math.round((stream.width * sarNum) / sarDen))
  let height = stream.height
  const rotation = rotationOf(stream)
  if (rotation === 90 || rotation === 270) [width, height] = [height, width]
  const audio = (probe.streams ?? []).find((s) => s.codec_type === 'audio')
  return {
    width,
    height,
    orientation: width === height ? 'square' : width > height ? 'landscape' : 'portrait',
    rotation,
    durationMs: positive(secondsToMs(probe.format?.duration)) ?? positive(secondsToMs(stream.duration)),
    codec: stream.codec_name ?? 'unknown',
    audioCodec: audio?.codec_name ?? null,
  }
}

/**
 * The rotation in whole quarter turns. The display matrix wins over the `rotate` tag (older
 * ffprobe versions print both; newer ones only the matrix). Its angle can be a float such as
 * -90.00000250447816 and its sign differs between ffprobe versions; either way a quarter turn
 * swaps width and height, which is all the display size needs (ffmpeg turns the frames itself).
 */
function rotationOf(stream: FfprobeStream): 0 | 90 | 180 | 270 {
  const fromMatrix = stream.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation
  const degrees = typeof fromMatrix === 'number' ? fromMatrix : Number(stream.tags?.rotate ?? 0)
  if (!Number.isFinite(degrees)) return 0
  const turns = (((Math.round(degrees / 90) % 4) + 4) % 4) as 0 | 1 | 2 | 3
  return ([0, 90, 180, 270] as const)[turns]
}

function parseRatio(value: string | undefined): [number, number] {
  const match = /^(\d+):(\d+)$/.exec(value ?? '')
  const num = Number(match?.[1])
  const den = Number(match?.[2])
  return num > 0 && den > 0 ? [num, den] : [1, 1]
}

/** A zero duration (a single still frame, or a container that does not know) is unknown. */
function positive(ms: number | null): number | null {
  return ms !== null && ms > 0 ? ms : null
}
