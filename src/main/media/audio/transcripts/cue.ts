import { CastdeskError } from '../../../../shared/errors'
import { formatClockTime } from '../../../../shared/timecode'

/**
 * One transcript cue. Times are whole milliseconds. `speaker` is a label ('' when unknown) and `text`
 * is plain text: lines joined by `\n`, no blank lines, no surrounding whitespace. Every parser returns
 * cues in that normal form, sorted by start, so converting between formats loses nothing.
 */
export interface Cue {
  startMs: number
  endMs: number
  speaker: string
  text: string
}

export const TRANSCRIPT_FORMATS = ['podlove-json', 'webvtt', 'dote', 'srt', 'podcasting2-json'] as const

export type TranscriptFormat = (typeof TRANSCRIPT_FORMATS)[number]

export interface TranscriptCodec {
  parse(text: string): Cue[]
  serialize(cues: readonly Cue[]): string
}

export function transcriptError(message: string): CastdeskError {
  return new CastdeskError('invalid_transcript', message)
}

export function failTranscript(message: string): never {
  throw transcriptError(message)
}

export function normalizeCueText(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .filter((line) => line.trim() !== '')
    .join('\n')
    .trim()
}

export function normalizeSpeaker(speaker: string): string {
  return speaker.replace(/\s+/g, ' ').trim()
}

/** An ascending copy by start; `Array.prototype.sort` is stable, so equal starts keep their order. */
export function sortCues(cues: readonly Cue[]): Cue[] {
  return [...cues].sort((a, b) => a.startMs - b.startMs)
}

/** A cue in normal form; `where` ("Line 7", "Entry 3 in \"lines\"") names it if it ends before it starts. */
export function makeCue(startMs: number, endMs: number, speaker: string, text: string, where: string): Cue {
  if (endMs < startMs) {
    failTranscript(
      `${where}: the cue ends (${formatClockTime(endMs)}) before it starts (${formatClockTime(startMs)}).`,
    )
  }
  return { startMs, endMs, speaker: normalizeSpeaker(speaker), text: normalizeCueText(text) }
}

export function requireTranscriptContent(text: string, formatName: string): void {
  if (text.trim() === '') failTranscript(`The ${formatName} transcript is empty; it needs at least one cue.`)
}
