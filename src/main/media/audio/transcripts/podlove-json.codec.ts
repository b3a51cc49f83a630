import { isRecord, parseJsonText } from '../../../../shared/text-input'
import { formatClockTime, parseNormalPlayTime, parseSeconds } from '../../../../shared/timecode'
import { type Cue, failTranscript, makeCue, requireTranscriptContent, sortCues } from './cue'

/**
 * Podlove transcript JSON: segments `{start, start_ms, end, end_ms, speaker, voice, text}`, as a bare
 * array (Podlove Publisher, Web Player) or wrapped as `{"transcripts": [...]}` (django-cast, and the
 * player's episode JSON). Publisher's grouped form (`[{speaker, voice, items: [...]}]`) is read too.
 * The speaker label is `voice` (Publisher puts a contributor id in `speaker`), else `speaker`.
 * Writes the django-cast wrapper with `speaker` and `voice` both set to the label, unless `bare`.
 */
export interface PodloveSegment {
  start: string
  start_ms: number
  end: string
  end_ms: number
  speaker: string
  voice: string
  text: string
}

export interface PodloveTranscriptSerializeOptions {
  /** Write the bare array the Podlove Web Player reads instead of django-cast's `{"transcripts": [...]}`. */
  bare?: boolean
}

const EXAMPLE =
  '{"transcripts": [{"start_ms": 1200, "end_ms": 4050, "speaker": "", "voice": "Ana", "text": "Hello"}]}'

const EXAMPLE_SEGMENT = {
  start: '00:00:01.200',
  start_ms: 1200,
  end: '00:00:04.050',
  end_ms: 4050,
  text: 'Hello',
}

export function parse(text: string): Cue[] {
  requireTranscriptContent(text, 'Podlove JSON')
  const data = parseJsonText(text, failTranscript)
  const wrapped = isRecord(data)
  const list = wrapped ? data.transcripts : data
  if (!Array.isArray(list)) {
    failTranscript(`This JSON is not a Podlove transcript (expected a list of segments, or ${EXAMPLE}).`)
  }
  const cues: Cue[] = []
  list.forEach((entry: unknown, index: number) => {
    const where = `Entry ${index + 1}${wrapped ? ' in "transcripts"' : ''}`
    if (!isRecord(entry))
      failTranscript(`${where}: expected an object like ${JSON.stringify(EXAMPLE_SEGMENT)}.`)
    if (Array.isArray(entry.items)) {
      entry.items.forEach((item: unknown, itemIndex: number) => {
        const itemWhere = `${where}, item ${itemIndex + 1}`
        if (!isRecord(item))
          failTranscript(`${itemWhere}: expected an object with start_ms, end_ms and text.`)
        cues.push(readSegment({ speaker: entry.speaker, voice: entry.voice, ...item }, itemWhere))
      })
    } else {
      cues.push(readSegment(entry, where))
    }
  })
  return sortCues(cues)
}

function readSegment(segment: Record<string, unknown>, where: string): Cue {
  const startMs = readTime(segment, 'start', where)
  const endMs = readTime(segment, 'end', where)
  if (typeof segment.text !== 'string') failTranscript(`${where}: "text" is missing or not text.`)
  return makeCue(startMs, endMs, label(segment.voice) || label(segment.speaker), segment.text, where)
}

function label(value: unknown): string {
  if (typeof value === 'string') return value
  return typeof value === 'number' ? String(value) : ''
}

function readTime(segment: Record<string, unknown>, key: 'start' | 'end', where: string): number {
  const ms = segment[`${key}_ms`]
  if (typeof ms === 'number' && Number.isSafeInteger(ms) && ms >= 0) return ms
  const value = segment[key]
  let parsed: number | null = null
  if (typeof value === 'string') parsed = parseNormalPlayTime(value)
  else if (typeof value === 'number') parsed = parseSeconds(value)
  if (parsed !== null) return parsed
  if (ms === undefined && value === undefined)
    failTranscript(`${where}: "${key}_ms" and "${key}" are missing.`)
  return failTranscript(
    `${where}: "${key}" ${JSON.stringify(value ?? ms)} is not a valid time (expected "${key}_ms" in milliseconds or "${key}" as HH:MM:SS.mmm).`,
  )
}

export function toPodloveSegment(cue: Cue): PodloveSegment {
  return {
    start: formatClockTime(cue.startMs),
    start_ms: cue.startMs,
    end: formatClockTime(cue.endMs),
    end_ms: cue.endMs,
    speaker: cue.speaker,
    voice: cue.speaker,
    text: cue.text,
  }
}

export function serialize(cues: readonly Cue[], options: PodloveTranscriptSerializeOptions = {}): string {
  const segments = sortCues(cues).map(toPodloveSegment)
  return `${JSON.stringify(options.bare ? segments : { transcripts: segments }, null, 2)}\n`
}
