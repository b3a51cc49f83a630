import { quoteLine, splitLines } from '../../../../shared/text-input'
import { formatSrtTime, parseClockTime, parseSrtTime } from '../../../../shared/timecode'
import {
  type Cue,
  failTranscript,
  makeCue,
  normalizeCueText,
  normalizeSpeaker,
  requireTranscriptContent,
  sortCues,
} from './cue'

/**
 * SubRip: numbered cards `n`, `HH:MM:SS,mmm --> HH:MM:SS,mmm`, text lines, blank line. SRT has no voice
 * tag, so the speaker is written as a `Name: ` prefix on every card that has one, and read back from a
 * short prefix without sentence punctuation. A card without a speaker whose text would look like such a
 * prefix starts with an invisible U+200B, which the parser removes. Text is kept as written: SRT has
 * no escaping, so `<`, `&` and `-->` stay literal.
 */

const TIMING = /^(\S+?)[ \t]*-->[ \t]*(\S+)?(?:[ \t]+.*)?$/
const SPEAKER_PREFIX = /^([^\s:,;!?"][^:,;!?"\n]{0,47}?)[ \t]*:(?:[ \t]+|$)/
const NO_SPEAKER = '\u200b'
const EXAMPLE_TIMING = "'00:00:01,000 --> 00:00:04,000'"

export function parse(text: string): Cue[] {
  requireTranscriptContent(text, 'SRT')
  const lines = splitLines(text)
  const count = lines.length
  const cues: Cue[] = []
  let i = 0
  while (i < count) {
    if (isBlank(lines[i])) {
      i++
      continue
    }
    const first = (lines[i] as string).trim()
    let timingIndex = i
    if (/^\d+$/.test(first)) {
      timingIndex = i + 1
      if (isBlank(lines[timingIndex])) {
        failTranscript(
          `Line ${i + 1}: cue ${first} is unterminated: its number is not followed by a timing line like ${EXAMPLE_TIMING}.`,
        )
      }
    }
    const { startMs, endMs } = readTiming(lines[timingIndex] as string, timingIndex + 1)
    const payload: string[] = []
    i = timingIndex + 1
    while (i < count && !isBlank(lines[i])) payload.push(lines[i++] as string)
    const { speaker, body } = readPayload(payload.join('\n'))
    cues.push(makeCue(startMs, endMs, speaker, body, `Line ${timingIndex + 1}`))
  }
  return sortCues(cues)
}

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === ''
}

function readTime(value: string): number | null {
  return parseSrtTime(value) ?? parseClockTime(value)
}

function readTiming(line: string, lineNumber: number): { startMs: number; endMs: number } {
  const match = TIMING.exec(line.trim())
  if (!match) {
    failTranscript(
      `Line ${lineNumber}: expected a cue timing line like ${EXAMPLE_TIMING}, found ${quoteLine(line)}.`,
    )
  }
  const [, start, end] = match
  const startMs = readTime(start as string)
  if (startMs === null) {
    failTranscript(
      `Line ${lineNumber}: the start time '${start}' is not a valid SRT time (expected HH:MM:SS,mmm).`,
    )
  }
  if (end === undefined) {
    failTranscript(
      `Line ${lineNumber}: the cue starting at ${start} is unterminated: it has no end time (expected '${start} --> 00:00:04,000').`,
    )
  }
  const endMs = readTime(end)
  if (endMs === null) {
    failTranscript(
      `Line ${lineNumber}: the end time '${end}' is not a valid SRT time (expected HH:MM:SS,mmm).`,
    )
  }
  return { startMs, endMs }
}

function readPayload(payload: string): { speaker: string; body: string } {
  if (payload.startsWith(NO_SPEAKER)) return { speaker: '', body: payload.slice(NO_SPEAKER.length) }
  const prefix = SPEAKER_PREFIX.exec(payload)
  if (!prefix) return { speaker: '', body: payload }
  return { speaker: prefix[1] as string, body: payload.slice(prefix[0].length) }
}

function payloadOf(cue: Cue): string {
  const text = normalizeCueText(cue.text)
  const speaker = normalizeSpeaker(cue.speaker)
  if (speaker) return text === '' ? `${speaker}:` : `${speaker}: ${text}`
  return SPEAKER_PREFIX.test(text) || text.startsWith(NO_SPEAKER) ? `${NO_SPEAKER}${text}` : text
}

export function serialize(cues: readonly Cue[]): string {
  return sortCues(cues)
    .map((cue, index) => {
      const timing = `${formatSrtTime(cue.startMs)} --> ${formatSrtTime(cue.endMs)}`
      const payload = payloadOf(cue)
      return `${index + 1}\n${timing}\n${payload === '' ? '' : `${payload}\n`}`
    })
    .join('\n')
}
