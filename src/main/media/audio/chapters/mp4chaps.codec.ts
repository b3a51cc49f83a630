import { quoteLine, splitLines } from '../../../../shared/text-input'
import { formatClockTime, parseNormalPlayTime, parseTextBoxTime } from '../../../../shared/timecode'
import { type Chapter, cleanTitle, failChapters, requireContent, sortChapters } from './chapter'

/**
 * mp4chaps / plain text: one chapter per line, `HH:MM:SS.mmm Title <https://link>`.
 *
 * Also reads django-cast's chapter text box and its export (`00:01:01.234000 Title link image`):
 * up to two trailing bare http(s) URLs are read as link and image. A two-part time such as `05:30`
 * is minutes and seconds (Podlove, YouTube-style lists) unless `twoPartTimes: 'hours-minutes'` asks
 * for django-cast's reading (5 h 30 min). Images cannot be written in this format and are dropped.
 */
export interface Mp4chapsParseOptions {
  twoPartTimes?: 'minutes-seconds' | 'hours-minutes'
}

const LINE = /^(\S+)(?:\s+(.*))?$/
const BRACKETED_LINK = /^(.*?)\s*<([a-z][a-z0-9+.-]*:[^<>\s]+)>$/i
const BARE_URL = /^https?:\/\/\S+$/i
const TWO_PARTS = /^\d+:\d+$/
// YouTube-style lists put a dash or bar between the time and the title: "00:00 - Intro".
const SEPARATOR = /^[-–—|]\s+/

export function parse(text: string, options: Mp4chapsParseOptions = {}): Chapter[] {
  requireContent(text, 'plain-text')
  const readTime =
    options.twoPartTimes === 'hours-minutes'
      ? (token: string) => (TWO_PARTS.test(token) ? parseTextBoxTime(token) : parseNormalPlayTime(token))
      : parseNormalPlayTime
  const chapters: Chapter[] = []
  splitLines(text).forEach((raw, index) => {
    const line = raw.trim()
    if (line === '') return
    const match = LINE.exec(line) as RegExpExecArray
    const startMs = readTime(match[1] as string)
    if (startMs === null) {
      failChapters(
        `Line ${index + 1}: ${quoteLine(line)} has a start time that is not a valid time (expected HH:MM:SS or HH:MM:SS.mmm).`,
      )
    }
    const rest = (match[2] ?? '').trim().replace(SEPARATOR, '')
    if (rest === '') {
      failChapters(`Line ${index + 1}: ${quoteLine(line)} has no title (expected HH:MM:SS Title).`)
    }
    chapters.push({ startMs, ...splitTitle(rest) })
  })
  return chapters
}

function splitTitle(rest: string): Omit<Chapter, 'startMs'> {
  const bracketed = BRACKETED_LINK.exec(rest)
  if (bracketed)
    return { title: cleanTitle(bracketed[1] as string), link: bracketed[2] as string, image: null }
  const tokens = rest.split(/\s+/)
  const urls: string[] = []
  while (urls.length < 2 && tokens.length > 1 && BARE_URL.test(tokens[tokens.length - 1] as string)) {
    urls.unshift(tokens.pop() as string)
  }
  return { title: cleanTitle(tokens.join(' ')), link: urls[0] ?? null, image: urls[1] ?? null }
}

export function serialize(chapters: readonly Chapter[]): string {
  return sortChapters(chapters)
    .map(({ startMs, title, link }) => {
      const suffix = link ? ` <${link}>` : ''
      return `${formatClockTime(startMs)} ${cleanTitle(title)}${suffix}\n`
    })
    .join('')
}
