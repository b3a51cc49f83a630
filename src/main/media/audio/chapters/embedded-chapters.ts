import { parseSeconds } from '../../../../shared/timecode'
import { type Chapter, cleanTitle, sortChapters } from './chapter'
import type { Id3Chapter } from './id3-chapters'

/**
 * Chapters as ffprobe reports them (`-show_chapters`), with the links ffprobe does not report added
 * from where the file keeps them: `CHAPTERnnnURL` stream comments in Ogg, `WXXX` frames inside ID3
 * `CHAP` frames in MP3. Entries without a start or a title are dropped, as django-cast does, and a
 * second chapter at the same start is ignored.
 */

export interface ProbedChapter {
  id?: number
  start_time?: string
  tags?: Record<string, string>
}

export interface ProbedChapters {
  chapters?: ProbedChapter[]
  streams?: Array<{ codec_type?: string; tags?: Record<string, string> }>
}

export function chaptersFromProbe(probe: ProbedChapters, id3: readonly Id3Chapter[] = []): Chapter[] {
  const oggLinks = oggChapterLinks(probe)
  const id3Links = new Map(id3.map((chapter) => [chapter.startMs, chapter.link]))
  const byStart = new Map<number, Chapter>()
  for (const probed of probe.chapters ?? []) {
    const startMs = probed.start_time === undefined ? null : parseSeconds(probed.start_time)
    const title = cleanTitle(probed.tags?.title ?? '')
    if (startMs === null || title === '' || byStart.has(startMs)) continue
    const link =
      (probed.id !== undefined ? oggLinks.get(probed.id) : undefined) ?? id3Links.get(startMs) ?? null
    byStart.set(startMs, { startMs, title, link, image: null })
  }
  return sortChapters([...byStart.values()])
}

function oggChapterLinks(probe: ProbedChapters): Map<number, string> {
  const links = new Map<number, string>()
  const audio = probe.streams?.find((stream) => stream.codec_type === 'audio')
  for (const [key, value] of Object.entries(audio?.tags ?? {})) {
    const match = /^CHAPTER(\d+)URL$/i.exec(key)
    if (match && value.trim() !== '') links.set(Number(match[1]), value.trim())
  }
  return links
}
