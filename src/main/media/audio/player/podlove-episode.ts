import { formatClockTime } from '../../../../shared/timecode'
import { type Chapter, sortChapters } from '../chapters/chapter'
import type { Cue } from '../transcripts/cue'
import { type PodloveSegment, toPodloveSegment } from '../transcripts/podlove-json.codec'

/**
 * Builds the Podlove Web Player 5 episode JSON (the fields django-cast's endpoint fills from an audio):
 * audio files in mp3, m4a, oga, opus order with the size as a string, chapters ascending, the
 * transcript as Podlove segments, and contributors from the speaker labels in order of first appearance.
 * `show` and `link` depend on the episode page and are left to the caller.
 */

export const AUDIO_FORMATS = ['mp3', 'm4a', 'oga', 'opus'] as const
export type AudioFormat = (typeof AUDIO_FORMATS)[number]

const MIME_TYPES: Record<AudioFormat, string> = {
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  oga: 'audio/ogg',
  opus: 'audio/opus',
}

export interface PodloveEpisodeInput {
  title: string
  subtitle: string
  durationMs: number
  files: ReadonlyArray<{ format: AudioFormat; url: string; size: number }>
  chapters: readonly Chapter[]
  cues: readonly Cue[]
}

export interface PodloveAudio {
  url: string
  mimeType: string
  size: string
  title: string
}

export interface PodloveChapter {
  start: string
  title: string
  href: string | null
  image: string | null
}

export interface PodloveEpisode {
  version: 5
  title: string
  subtitle: string
  duration: string
  audio: PodloveAudio[]
  chapters: PodloveChapter[]
  transcripts: PodloveSegment[]
  contributors: Array<{ id: string; name: string }>
}

export function buildPodloveEpisode(input: PodloveEpisodeInput): PodloveEpisode {
  const audio = [...input.files]
    .sort((a, b) => AUDIO_FORMATS.indexOf(a.format) - AUDIO_FORMATS.indexOf(b.format))
    .map((file) => ({
      url: file.url,
      mimeType: MIME_TYPES[file.format],
      size: String(file.size),
      title: `Audio ${file.format.toUpperCase()}`,
    }))
  const chapters = sortChapters(input.chapters).map((chapter) => ({
    start: formatClockTime(chapter.startMs),
    title: chapter.title,
    href: chapter.link,
    image: chapter.image,
  }))
  const transcripts = [...input.cues].sort((a, b) => a.startMs - b.startMs).map(toPodloveSegment)
  return {
    version: 5,
    title: input.title,
    subtitle: input.subtitle,
    duration: formatClockTime(input.durationMs),
    audio,
    chapters,
    transcripts,
    contributors: contributorsOf(transcripts),
  }
}

function contributorsOf(segments: readonly PodloveSegment[]): Array<{ id: string; name: string }> {
  const seen = new Set<string>()
  for (const { speaker } of segments) {
    const label = speaker.trim()
    if (label !== '') seen.add(label)
  }
  return [...seen].map((label) => ({ id: label, name: label }))
}
