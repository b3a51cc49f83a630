import { isRecord, parseJsonText } from '../../../../shared/text-input'
import { formatSrtTime, parseClockTime, parseSrtTime } from '../../../../shared/timecode'
import { type Cue, failTranscript, makeCue, requireTranscriptContent, sortCues } from './cue'

/**
 * DOTe JSON: `{"lines": [{"startTime": "00:00:01,200", "endTime": "00:00:04,050",
 * "speakerDesignation": "Ana", "text": "…"}]}`. All four keys are required on every line (as django-cast's
 * upload check demands). Times are read with a comma or a dot before the milliseconds, written with a comma.
 */

const KEYS = ['startTime', 'endTime', 'speakerDesignation', 'text'] as const
const EXAMPLE =
  '{"lines": [{"startTime": "00:00:01,200", "endTime": "00:00:04,050", "speakerDesignation": "Ana", "text": "Hello"}]}'

export function parse(text: string): Cue[] {
  requireTranscriptContent(text, 'DOTe')
  const data = parseJsonText(text, failTranscript)
  if (!isRecord(data) || !Array.isArray(data.lines)) {
    failTranscript(`This JSON is not a DOTe transcript (expected ${EXAMPLE}).`)
  }
  const cues = data.lines.map((line: unknown, index: number) => {
    const where = `Entry ${index + 1} in "lines"`
    if (!isRecord(line)) failTranscript(`${where}: expected an object with ${KEYS.join(', ')}.`)
    for (const key of KEYS) {
      if (!(key in line))
        failTranscript(`${where}: "${key}" is missing; every line needs ${KEYS.join(', ')}.`)
      if (typeof line[key] !== 'string') failTranscript(`${where}: "${key}" is not text.`)
    }
    const values = line as Record<(typeof KEYS)[number], string>
    return makeCue(
      readTime(values.startTime, 'startTime', where),
      readTime(values.endTime, 'endTime', where),
      values.speakerDesignation,
      values.text,
      where,
    )
  })
  return sortCues(cues)
}

function readTime(value: string, key: string, where: string): number {
  const ms = parseSrtTime(value) ?? parseClockTime(value)
  if (ms === null)
    failTranscript(`${where}: "${key}" '${value}' is not a time like 00:00:01,200 (HH:MM:SS,mmm).`)
  return ms
}

export function serialize(cues: readonly Cue[]): string {
  const lines = sortCues(cues).map((cue) => ({
    startTime: formatSrtTime(cue.startMs),
    endTime: formatSrtTime(cue.endMs),
    speakerDesignation: cue.speaker,
    text: cue.text,
  }))
  return `${JSON.stringify({ lines }, null, 2)}\n`
}
