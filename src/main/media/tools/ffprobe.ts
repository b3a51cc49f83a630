import { runToolOffThread } from './run-tool-off-thread'

export interface FfprobeStream {
  index: number
  codec_type?: string
  codec_name?: string
  width?: number
  height?: number
  sample_aspect_ratio?: string
  duration?: string
  sample_rate?: string
  channels?: number
  bits_per_sample?: number
  bits_per_raw_sample?: string
  sample_fmt?: string
  tags?: Record<string, string>
  disposition?: { attached_pic?: number }
  side_data_list?: { side_data_type?: string; rotation?: number }[]
}

export interface FfprobeChapter {
  start_time?: string
  end_time?: string
  tags?: Record<string, string>
}

export interface FfprobeResult {
  format?: { format_name?: string; duration?: string; size?: string; tags?: Record<string, string> }
  streams?: FfprobeStream[]
  chapters?: FfprobeChapter[]
}

export const FFPROBE_TIMEOUT_MS = 30_000

/** ffprobe's JSON view of a file: container, streams and chapters in one call. */
export async function ffprobe(
  ffprobePath: string,
  file: string,
  timeoutMs = FFPROBE_TIMEOUT_MS,
): Promise<FfprobeResult> {
  const { stdout } = await runToolOffThread(
    ffprobePath,
    ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-show_chapters', '-i', file],
    { timeoutMs },
  )
  return JSON.parse(stdout) as FfprobeResult
}

/** Seconds as ffprobe prints them ("12.345678") to integer milliseconds; null when absent. */
export function secondsToMs(value: string | undefined): number | null {
  if (value === undefined || value === 'N/A') return null
  const seconds = Number(value)
  return Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds * 1000) : null
}
