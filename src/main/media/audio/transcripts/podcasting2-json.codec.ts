import { isRecord, parseJsonText } from '../../../../shared/text-input'
import { msToSeconds, parseSeconds } from '../../../../shared/timecode'
import { type Cue, failTranscript, makeCue, requireTranscriptContent, sortCues } from './cue'

/**
 * Podcasting 2.0 JSON transcript: `{"version": "1.0.0", "segments": [{"speaker", "startTime", "endTime",
 * "body"}]}`, times in seconds. `speaker` and `endTime` are optional; a missing end becomes the next
 * segment's start (or the segment's own start for the last one). Writes `speaker` only when there is one.
 */

export const PODCASTING2_TRANSCRIPT_VERSION = '1.0.0'

const EXAMPLE =
  '{"version": "1.0.0", "segments": [{"speaker": "Ana", "startTime": 1.2, "endTime": 4.05, "body": "Hello"}]}'

export function parse(text: string): Cue[] {
  requireTranscriptContent(text, 'Podcasting 2.0 JSON')
  const data = parseJsonText(text, failTranscript)
  if (!isRecord(data) || !Array.isArray(data.segments)) {
    failTranscript(`This JSON is not a Podcasting 2.0 transcript (expected ${EXAMPLE}).`)
  }
  const read = data.segments.map((segment: unknown, index: number) => {
    const where = `Entry ${index + 1} in "segments"`
    if (!isRecord(segment)) failTranscript(`${where}: expected an object with startTime, endTime and body.`)
    const startMs = readSeconds(segment.startTime, 'startTime', where)
    const endMs = segment.endTime === undefined ? null : readSeconds(segment.endTime, 'endTime', where)
    if (typeof segment.body !== 'string') failTranscript(`${where}: "body" is missing or not text.`)
    const speaker = segment.speaker ?? ''
    if (typeof speaker !== 'string') failTranscript(`${where}: "speaker" is not text.`)
    return { startMs, endMs, speaker, body: segment.body, where }
  })
  const ordered = [...read].sort((a, b) => a.startMs - b.startMs)
  return ordered.map((segment, index) => {
    const next = ordered[index + 1]?.startMs ?? segment.startMs
    const endMs = segment.endMs ?? Math.max(next, segment.startMs)
    return makeCue(segment.startMs, endMs, segment.speaker, segment.body, segment.where)
  })
}

function readSeconds(value: unknown, key: string, where: string): number {
  if (value === undefined) failTranscript(`${where}: "${key}" is missing.`)
  const ms = typeof value === 'number' ? parseSeconds(value) : null
  if (ms === null) failTranscript(`${where}: "${key}" ${JSON.stringify(value)} is not a number of seconds.`)
  return ms
}

export function serialize(cues: readonly Cue[]): string {
  const segments = sortCues(cues).map((cue) => ({
    ...(cue.speaker ? { speaker: cue.speaker } : {}),
    startTime: msToSeconds(cue.startMs),
    endTime: msToSeconds(cue.endMs),
    body: cue.text,
  }))
  return `${JSON.stringify({ version: PODCASTING2_TRANSCRIPT_VERSION, segments }, null, 2)}\n`
}
