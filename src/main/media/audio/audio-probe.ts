import { CastdeskError } from '../../../shared/errors'
import type { AudioFormat } from '../detect'
import { type FfprobeResult, secondsToMs } from '../tools/ffprobe'

export interface EmbeddedChapter {
  startMs: number
  title: string
}

export interface AudioProbe {
  durationMs: number | null
  codec: string
  chapters: EmbeddedChapter[]
}

const EXPECTED_CODECS: Record<AudioFormat, readonly string[]> = {
  mp3: ['mp3'],
  m4a: ['aac', 'alac', 'mp3'],
  oga: ['vorbis', 'flac'],
  opus: ['opus'],
}

/** Duration and embedded chapters from ffprobe's view; no audio stream means corrupt. */
export function interpretAudioProbe(
  probe: FfprobeResult,
  format: AudioFormat,
  fileLabel: string,
): AudioProbe {
  const stream = (probe.streams ?? []).find((s) => s.codec_type === 'audio')
  if (!stream?.codec_name) {
    throw new CastdeskError(
      'corrupt_media',
      `${fileLabel} has no readable audio stream. Re-export it and import it again.`,
    )
  }
  if (!EXPECTED_CODECS[format].includes(stream.codec_name)) {
    throw new CastdeskError(
      'unsupported_media',
      `${fileLabel} is a ${format.toUpperCase()} container holding ${stream.codec_name} audio, which podcast players do not expect. Re-encode it.`,
    )
  }
  const durationMs = secondsToMs(probe.format?.duration) ?? secondsToMs(stream.duration)
  return { durationMs, codec: stream.codec_name, chapters: embeddedChapters(probe) }
}

function embeddedChapters(probe: FfprobeResult): EmbeddedChapter[] {
  const byStart = new Map<number, EmbeddedChapter>()
  for (const chapter of probe.chapters ?? []) {
    const startMs = secondsToMs(chapter.start_time)
    const title = (chapter.tags?.title ?? '').trim()
    if (startMs === null || !title || byStart.has(startMs)) continue
    byStart.set(startMs, { startMs, title })
  }
  return [...byStart.values()].sort((a, b) => a.startMs - b.startMs)
}
