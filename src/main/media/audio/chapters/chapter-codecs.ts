import * as audacity from './audacity.codec'
import { type Chapter, type ChapterCodec, type ChapterFormat, failChapters } from './chapter'
import { detectChapterFormat } from './detect-chapter-format'
import * as ffmetadata from './ffmetadata.codec'
import * as mp4chaps from './mp4chaps.codec'
import * as podcasting2Json from './podcasting2-json.codec'
import * as podloveJson from './podlove-json.codec'
import * as psc from './psc.codec'

export const chapterCodecs: Record<ChapterFormat, ChapterCodec> = {
  mp4chaps,
  psc,
  'podlove-json': podloveJson,
  'podcasting2-json': podcasting2Json,
  audacity,
  ffmetadata,
}

/** Parses `text` in `format`, or in the detected format; unknown content is `invalid_chapters`. */
export function parseChapters(
  text: string,
  format?: ChapterFormat,
): { format: ChapterFormat; chapters: Chapter[] } {
  const chosen = format ?? detectChapterFormat(text)
  if (!chosen) {
    failChapters(
      'Castdesk cannot tell which chapter format this is. Use lines like "00:01:30.000 Title", Podlove Simple Chapters, Podlove or Podcasting 2.0 JSON, Audacity labels or FFMETADATA.',
    )
  }
  return { format: chosen, chapters: chapterCodecs[chosen].parse(text) }
}
