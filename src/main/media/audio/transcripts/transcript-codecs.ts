import { type Cue, failTranscript, type TranscriptCodec, type TranscriptFormat } from './cue'
import { detectTranscriptFormat } from './detect-transcript-format'
import * as dote from './dote.codec'
import * as podcasting2Json from './podcasting2-json.codec'
import * as podloveJson from './podlove-json.codec'
import * as srt from './srt.codec'
import * as webvtt from './webvtt.codec'

export const transcriptCodecs: Record<TranscriptFormat, TranscriptCodec> = {
  'podlove-json': podloveJson,
  webvtt,
  dote,
  srt,
  'podcasting2-json': podcasting2Json,
}

/** Parses `text` in `format`, or in the detected format; unknown content is `invalid_transcript`. */
export function parseTranscript(
  text: string,
  format?: TranscriptFormat,
): { format: TranscriptFormat; cues: Cue[] } {
  const chosen = format ?? detectTranscriptFormat(text)
  if (!chosen) {
    failTranscript(
      'Castdesk cannot tell which transcript format this is. Use WebVTT, SRT, Podlove JSON, DOTe JSON or Podcasting 2.0 JSON.',
    )
  }
  return { format: chosen, cues: transcriptCodecs[chosen].parse(text) }
}

/** Converts a transcript from one format to another through the normal cue list. */
export function convertTranscript(text: string, to: TranscriptFormat, from?: TranscriptFormat): string {
  return transcriptCodecs[to].serialize(parseTranscript(text, from).cues)
}
