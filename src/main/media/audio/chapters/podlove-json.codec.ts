import { isRecord, optionalUrl, parseJsonText } from '../../../../shared/text-input'
import { formatClockTime, parseNormalPlayTime } from '../../../../shared/timecode'
import { type Chapter, cleanTitle, failChapters, requireContent, sortChapters } from './chapter'

/**
 * Podlove JSON chapters: `[{"start":"00:03:05.500","title":"Flour","href":"…","image":"…"}]`.
 * Also reads a Podlove Web Player episode (`{"chapters":[…]}`) and numeric starts, which the player
 * reads as milliseconds. Writes `href`/`image` only when set.
 */

const EXAMPLE = '[{"start": "00:00:00.000", "title": "Intro"}]'

export function parse(text: string): Chapter[] {
  requireContent(text, 'Podlove JSON')
  const data = parseJsonText(text, failChapters)
  const list = Array.isArray(data) ? data : isRecord(data) ? data.chapters : undefined
  if (!Array.isArray(list)) {
    failChapters(`This JSON is not a list of Podlove chapters (expected something like ${EXAMPLE}).`)
  }
  return list.map(readEntry)
}

function readEntry(entry: unknown, index: number): Chapter {
  const where = `Entry ${index + 1}`
  if (!isRecord(entry))
    failChapters(`${where} is not an object like {"start": "00:00:00.000", "title": "Intro"}.`)
  const startMs = readStart(entry.start, where)
  if (typeof entry.title !== 'string') failChapters(`${where} has no "title" text.`)
  return {
    startMs,
    title: cleanTitle(entry.title),
    link: optionalUrl(entry.href),
    image: optionalUrl(entry.image),
  }
}

function readStart(start: unknown, where: string): number {
  if (start === undefined) failChapters(`${where} has no "start".`)
  if (typeof start === 'number' && Number.isSafeInteger(start) && start >= 0) return start
  const startMs = typeof start === 'string' ? parseNormalPlayTime(start) : null
  if (startMs === null) {
    failChapters(
      `${where} has a start ${JSON.stringify(start)} that is not a valid time (expected HH:MM:SS or HH:MM:SS.mmm).`,
    )
  }
  return startMs
}

export function serialize(chapters: readonly Chapter[]): string {
  const entries = sortChapters(chapters).map(({ startMs, title, link, image }) => ({
    start: formatClockTime(startMs),
    title,
    ...(link ? { href: link } : {}),
    ...(image ? { image } : {}),
  }))
  return `${JSON.stringify(entries, null, 2)}\n`
}
