import { isRecord, stripBom } from '../../../../shared/text-input'
import type { ChapterFormat } from './chapter'
import { FFMETADATA_HEADER } from './ffmetadata.codec'

const AUDACITY_LINE = /^\d+(?:[.,]\d+)?\t\d+(?:[.,]\d+)?(?:\t|$)/
const TIMED_LINE = /^\d[\d.:]*(?:\s|$)/

/**
 * The chapter format of a text judged by its content, or null when it looks like none of them.
 * Broken JSON is still attributed to a JSON format so that its parser can say what is wrong.
 */
export function detectChapterFormat(text: string): ChapterFormat | null {
  const source = stripBom(text).trimStart()
  if (source.startsWith(FFMETADATA_HEADER)) return 'ffmetadata'
  if (source.startsWith('<')) return 'psc'
  if (source.startsWith('{') || source.startsWith('[')) return detectJson(source)
  const firstLine = source.split(/\r\n|\r|\n/, 1)[0] ?? ''
  if (AUDACITY_LINE.test(firstLine)) return 'audacity'
  if (TIMED_LINE.test(firstLine)) return 'mp4chaps'
  return null
}

function detectJson(source: string): ChapterFormat {
  let data: unknown
  try {
    data = JSON.parse(source)
  } catch {
    return /"startTime"\s*:|"version"\s*:/.test(source) ? 'podcasting2-json' : 'podlove-json'
  }
  if (Array.isArray(data)) return 'podlove-json'
  if (isRecord(data) && Array.isArray(data.chapters)) {
    const first: unknown = data.chapters[0]
    if (isRecord(first) && 'start' in first && !('startTime' in first)) return 'podlove-json'
    return 'podcasting2-json'
  }
  return 'podcasting2-json'
}
