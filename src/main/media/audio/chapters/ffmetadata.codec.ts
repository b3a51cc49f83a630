import { quoteLine, stripBom } from '../../../../shared/text-input'
import { type Chapter, cleanTitle, failChapters, requireContent, sortChapters } from './chapter'

/**
 * ffmpeg's FFMETADATA1 (`-f ffmetadata`, `-map_chapters`): `[CHAPTER]` sections with `TIMEBASE=num/den`
 * (default 1/1000000000), `START=`, `END=` and `title=`. `=`, `;`, `#`, `\` and newlines inside keys and
 * values are escaped with a backslash. Writes TIMEBASE=1/1000; each END is the next START, the last one
 * `durationMs` when given (and later than its START), else START + 1. Links and images are not kept.
 */
export interface FfmetadataSerializeOptions {
  durationMs?: number
}

export const FFMETADATA_HEADER = ';FFMETADATA1'

interface LogicalLine {
  line: number
  key: string | null
  value: string
  /** Whether the first character was unescaped (comments and section headers need that). */
  plainStart: boolean
}

const ESCAPE_OR_EQUALS = /\\[\s\S]|=/g
const ESCAPE = /\\([\s\S])/g

function unescapeValue(text: string): string {
  return text.replace(ESCAPE, '$1')
}

/** Joins lines continued by an escaped newline, then splits key and value at the first unescaped `=`. */
function logicalLines(source: string): LogicalLine[] {
  const physical = source.split(/\r\n|\r|\n/)
  const lines: LogicalLine[] = []
  for (let n = 0; n < physical.length; n++) {
    const line = n + 1
    let raw = physical[n] as string
    while (raw.endsWith('\\') && /(?:^|[^\\])(?:\\\\)*\\$/.test(raw) && n + 1 < physical.length) {
      raw += `\n${physical[++n]}`
    }
    let equals = -1
    for (const match of raw.matchAll(ESCAPE_OR_EQUALS)) {
      if (match[0] === '=') {
        equals = match.index
        break
      }
    }
    const plainStart = !raw.startsWith('\\')
    if (equals < 0) lines.push({ line, key: null, value: unescapeValue(raw), plainStart })
    else
      lines.push({
        line,
        key: unescapeValue(raw.slice(0, equals)),
        value: unescapeValue(raw.slice(equals + 1)),
        plainStart,
      })
  }
  return lines
}

interface Section {
  line: number
  timebase: [bigint, bigint]
  start: { value: bigint; line: number } | null
  title: string
}

export function parse(text: string): Chapter[] {
  requireContent(text, 'FFMETADATA')
  const source = stripBom(text)
  if (!source.startsWith(FFMETADATA_HEADER)) {
    failChapters(`Line 1: an FFMETADATA file must start with '${FFMETADATA_HEADER}'.`)
  }
  const chapters: Chapter[] = []
  let section: Section | null = null
  const finish = () => {
    if (section) chapters.push(toChapter(section, chapters.length + 1))
    section = null
  }
  for (const entry of logicalLines(source).slice(1)) {
    const { key, value, line } = entry
    const content = key === null ? value : `${key}=${value}`
    if (content.trim() === '') continue
    if (entry.plainStart && (content.startsWith(';') || content.startsWith('#'))) continue
    if (entry.plainStart && content.startsWith('[') && content.trimEnd().endsWith(']')) {
      finish()
      if (content.trim().toUpperCase() === '[CHAPTER]') {
        section = { line, timebase: [1n, 1_000_000_000n], start: null, title: '' }
      }
      continue
    }
    if (key === null) failChapters(`Line ${line}: ${quoteLine(content)} is not a key=value line.`)
    if (!section) continue
    readKey(section, key.trim().toUpperCase(), value, line)
  }
  finish()
  return chapters
}

function readKey(section: Section, key: string, value: string, line: number): void {
  if (key === 'TIMEBASE') {
    const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value)
    if (!match || BigInt(match[1] as string) === 0n || BigInt(match[2] as string) === 0n) {
      failChapters(`Line ${line}: TIMEBASE ${quoteLine(value)} is not a fraction like 1/1000.`)
    }
    section.timebase = [BigInt(match[1] as string), BigInt(match[2] as string)]
  } else if (key === 'START' || key === 'END') {
    if (!/^\s*\d+\s*$/.test(value)) {
      failChapters(`Line ${line}: ${key} ${quoteLine(value)} is not a whole number of TIMEBASE units.`)
    }
    if (key === 'START') section.start = { value: BigInt(value.trim()), line }
  } else if (key === 'TITLE') {
    section.title = value
  }
}

function toChapter(section: Section, number: number): Chapter {
  if (!section.start) failChapters(`Line ${section.line}: chapter ${number} has no START.`)
  const [num, den] = section.timebase
  const ms = (section.start.value * num * 1000n + den / 2n) / den
  if (ms > BigInt(Number.MAX_SAFE_INTEGER)) {
    failChapters(`Line ${section.start.line}: the START of chapter ${number} is too large.`)
  }
  return { startMs: Number(ms), title: cleanTitle(section.title), link: null, image: null }
}

export function escapeFfmetadata(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/[=;#\\\n]/g, (char) => `\\${char}`)
}

export function serialize(chapters: readonly Chapter[], options: FfmetadataSerializeOptions = {}): string {
  const sorted = sortChapters(chapters)
  const sections = sorted.map((chapter, index) => {
    const next = sorted[index + 1]?.startMs ?? options.durationMs
    const end = next !== undefined && next > chapter.startMs ? next : chapter.startMs + 1
    return `[CHAPTER]\nTIMEBASE=1/1000\nSTART=${chapter.startMs}\nEND=${end}\ntitle=${escapeFfmetadata(chapter.title)}\n`
  })
  return [`${FFMETADATA_HEADER}\n`, ...sections].join('\n')
}
