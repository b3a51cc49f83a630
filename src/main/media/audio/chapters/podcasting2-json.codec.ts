import { isRecord, optionalUrl, parseJsonText } from '../../../../shared/text-input'
import { msToSeconds, parseSeconds } from '../../../../shared/timecode'
import { type Chapter, cleanTitle, failChapters, requireContent, sortChapters } from './chapter'

/**
 * Podcasting 2.0 JSON chapters (spec 1.2): `{"version":"1.2.0","chapters":[{"startTime":185.5,"title",
 * "img","url"}]}`. Entries with `"toc": false` are silent chapters (an image change, not a place to jump
 * to), so they are skipped unless `includeHidden` is set. `endTime` and `location` are not kept.
 */
export interface Podcasting2ParseOptions {
  includeHidden?: boolean
}

export interface Podcasting2SerializeOptions {
  /** Optional top-level `title` (the episode title). */
  title?: string
}

export const PODCASTING2_CHAPTERS_VERSION = '1.2.0'

const EXAMPLE = '{"version": "1.2.0", "chapters": [{"startTime": 0, "title": "Intro"}]}'

export function parse(text: string, options: Podcasting2ParseOptions = {}): Chapter[] {
  requireContent(text, 'Podcasting 2.0 JSON')
  const data = parseJsonText(text, failChapters)
  if (!isRecord(data) || !Array.isArray(data.chapters)) {
    failChapters(`This JSON is not Podcasting 2.0 chapters (expected something like ${EXAMPLE}).`)
  }
  const chapters: Chapter[] = []
  data.chapters.forEach((entry: unknown, index: number) => {
    const where = `Entry ${index + 1} in "chapters"`
    if (!isRecord(entry)) failChapters(`${where} is not an object like {"startTime": 0, "title": "Intro"}.`)
    if (entry.toc === false && !options.includeHidden) return
    if (entry.startTime === undefined) failChapters(`${where} has no "startTime".`)
    const startMs =
      typeof entry.startTime === 'number' || typeof entry.startTime === 'string'
        ? parseSeconds(entry.startTime)
        : null
    if (startMs === null) {
      failChapters(
        `${where} has a "startTime" ${JSON.stringify(entry.startTime)} that is not a number of seconds.`,
      )
    }
    const title = entry.title ?? ''
    if (typeof title !== 'string') failChapters(`${where} has a "title" that is not text.`)
    chapters.push({
      startMs,
      title: cleanTitle(title),
      link: optionalUrl(entry.url),
      image: optionalUrl(entry.img),
    })
  })
  return chapters
}

export function serialize(chapters: readonly Chapter[], options: Podcasting2SerializeOptions = {}): string {
  const document = {
    version: PODCASTING2_CHAPTERS_VERSION,
    ...(options.title ? { title: options.title } : {}),
    chapters: sortChapters(chapters).map(({ startMs, title, link, image }) => ({
      startTime: msToSeconds(startMs),
      title,
      ...(image ? { img: image } : {}),
      ...(link ? { url: link } : {}),
    })),
  }
  return `${JSON.stringify(document, null, 2)}\n`
}
