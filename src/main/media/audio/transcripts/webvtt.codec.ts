import { quoteLine, splitLines } from '../../../../shared/text-input'
import { formatWebVttTime, parseWebVttTime } from '../../../../shared/timecode'
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
 * WebVTT: header, NOTE/STYLE/REGION blocks, cue identifiers and settings are read and skipped. The
 * speaker is the first `<v Name>` span (classes and closing tag optional) or django-cast's
 * `Speaker N:` prefix; other tags are removed and character references decoded. Writes numbered cues
 * with `<v Name>` and escapes `&`, `<` and `>`, so `-->` in a text cannot end up in the file.
 */

const HEADER = /^WEBVTT(?:[ \t]|$)/
const SKIPPED_BLOCK = /^(?:NOTE|STYLE|REGION)(?:[ \t]|$)/
const TIMING = /^(\S+?)[ \t]*-->[ \t]*(\S+)?(?:[ \t]+.*)?$/
const VOICE = /<v(?:\.[^\s>.]+)*(?:[ \t]+([^>]*))?>/
const SPEAKER_PREFIX = /^\s*(Speaker\s+\d+)\s*:\s*/i
const TAG = /<\/?[a-zA-Z][^>\n]*>|<\d[\d:.]*>/g
const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  lrm: '\u200e',
  rlm: '\u200f',
  quot: '"',
  apos: "'",
}
const EXAMPLE_TIMING = "'00:00:01.000 --> 00:00:04.000'"

export function parse(text: string): Cue[] {
  requireTranscriptContent(text, 'WebVTT')
  const lines = splitLines(text)
  const count = lines.length
  if (!HEADER.test(lines[0] as string)) {
    failTranscript(`Line 1: a WebVTT file must start with 'WEBVTT' (found ${quoteLine(lines[0] as string)}).`)
  }
  let i = 1
  while (i < count && !isBlank(lines[i]) && !(lines[i] as string).includes('-->')) i++
  const cues: Cue[] = []
  while (i < count) {
    if (isBlank(lines[i])) {
      i++
      continue
    }
    const first = lines[i] as string
    if (SKIPPED_BLOCK.test(first)) {
      while (i < count && !isBlank(lines[i])) i++
      continue
    }
    const timingIndex = first.includes('-->') ? i : i + 1
    if (timingIndex !== i && (timingIndex >= count || !(lines[timingIndex] as string).includes('-->'))) {
      failTranscript(
        `Line ${i + 1}: ${quoteLine(first)} is neither a cue timing line nor followed by one (expected ${EXAMPLE_TIMING}).`,
      )
    }
    const { startMs, endMs } = readTiming(lines[timingIndex] as string, timingIndex + 1)
    const payload: string[] = []
    i = timingIndex + 1
    while (i < count && !isBlank(lines[i])) {
      const line = lines[i] as string
      if (looksLikeTiming(line)) {
        failTranscript(
          `Line ${i + 1}: a cue timing line inside the text of the cue from line ${timingIndex + 1}; put a blank line between cues.`,
        )
      }
      payload.push(line)
      i++
    }
    const { speaker, body } = readPayload(payload.join('\n'))
    cues.push(makeCue(startMs, endMs, speaker, body, `Line ${timingIndex + 1}`))
  }
  return sortCues(cues)
}

function looksLikeTiming(line: string): boolean {
  const match = TIMING.exec(line.trim())
  return match !== null && parseWebVttTime(match[1] as string) !== null
}

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === ''
}

function readTiming(line: string, lineNumber: number): { startMs: number; endMs: number } {
  const match = TIMING.exec(line.trim())
  if (!match)
    failTranscript(
      `Line ${lineNumber}: ${quoteLine(line)} is not a cue timing line (expected ${EXAMPLE_TIMING}).`,
    )
  const [, start, end] = match
  const startMs = parseWebVttTime(start as string)
  if (startMs === null) {
    failTranscript(
      `Line ${lineNumber}: the start time '${start}' is not a valid WebVTT time (expected HH:MM:SS.mmm or MM:SS.mmm).`,
    )
  }
  if (end === undefined) {
    failTranscript(
      `Line ${lineNumber}: the cue starting at ${start} is unterminated: it has no end time (expected '${start} --> 00:00:04.000').`,
    )
  }
  const endMs = parseWebVttTime(end)
  if (endMs === null) {
    failTranscript(
      `Line ${lineNumber}: the end time '${end}' is not a valid WebVTT time (expected HH:MM:SS.mmm or MM:SS.mmm).`,
    )
  }
  return { startMs, endMs }
}

function readPayload(payload: string): { speaker: string; body: string } {
  const voice = VOICE.exec(payload)
  if (voice)
    return { speaker: decodeEntities(voice[1] ?? ''), body: decodeEntities(payload.replace(TAG, '')) }
  const prefix = SPEAKER_PREFIX.exec(payload)
  const rest = prefix ? payload.slice(prefix[0].length) : payload
  return { speaker: prefix?.[1] ?? '', body: decodeEntities(rest.replace(TAG, '')) }
}

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));/gi, (whole, dec, hex, name) => {
    if (name) return ENTITIES[name] ?? whole
    const code = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex, 16)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

function payloadOf(cue: Cue): string {
  const text = escapeText(normalizeCueText(cue.text))
  const speaker = normalizeSpeaker(cue.speaker)
  if (speaker) return `<v ${escapeText(speaker)}>${text}`
  // An empty tag keeps a text such as "Speaker 2: …" from being read back as a speaker prefix.
  return SPEAKER_PREFIX.test(text) ? `<c></c>${text}` : text
}

export function serialize(cues: readonly Cue[]): string {
  const blocks = sortCues(cues).map((cue, index) => {
    const timing = `${formatWebVttTime(cue.startMs)} --> ${formatWebVttTime(cue.endMs)}`
    const payload = payloadOf(cue)
    return `${index + 1}\n${timing}\n${payload === '' ? '' : `${payload}\n`}`
  })
  return ['WEBVTT\n', ...blocks].join('\n')
}
