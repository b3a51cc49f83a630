import { quoteLine, splitLines } from '../../../../shared/text-input'
import { formatSecondsText, parseSeconds } from '../../../../shared/timecode'
import { type Chapter, cleanTitle, failChapters, requireContent, sortChapters } from './chapter'

/**
 * Audacity label track export: `start<TAB>end<TAB>title`, seconds with `.` or `,` decimals.
 * Lines starting with `\` carry a label's frequency range and are skipped. Writes point labels
 * (end = start) with six decimals, as Audacity does. Links and images are not part of the format.
 */

export function parse(text: string): Chapter[] {
  requireContent(text, 'Audacity label')
  const chapters: Chapter[] = []
  splitLines(text).forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('\\')) return
    const fields = line.split('\t')
    const where = `Line ${index + 1}: ${quoteLine(line.replace(/\t/g, ' '))}`
    if (fields.length < 3) {
      failChapters(`${where} is not an Audacity label (expected start<TAB>end<TAB>title, times in seconds).`)
    }
    const startMs = parseSeconds(fields[0] as string)
    if (startMs === null) failChapters(`${where} has a start that is not a number of seconds.`)
    if (parseSeconds(fields[1] as string) === null)
      failChapters(`${where} has an end that is not a number of seconds.`)
    chapters.push({ startMs, title: cleanTitle(fields.slice(2).join(' ')), link: null, image: null })
  })
  return chapters
}

export function serialize(chapters: readonly Chapter[]): string {
  return sortChapters(chapters)
    .map(({ startMs, title }) => {
      const seconds = formatSecondsText(startMs)
      return `${seconds}\t${seconds}\t${cleanTitle(title)}\n`
    })
    .join('')
}
