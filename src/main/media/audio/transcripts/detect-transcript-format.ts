import { isRecord, stripBom } from '../../../../shared/text-input'
import type { TranscriptFormat } from './cue'

const SRT_START = /^(?:\d+[ \t]*\r?\n[ \t]*)?\d+:\d{2}:\d{2}[,.]\d{3}[ \t]*-->/

/**
 * The transcript format of a text judged by its content, or null when it looks like none of them.
 * Broken JSON is still attributed to a JSON format so that its parser can say what is wrong.
 */
export function detectTranscriptFormat(text: string): TranscriptFormat | null {
  const source = stripBom(text).trimStart()
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(source)) return 'webvtt'
  if (source.startsWith('{') || source.startsWith('[')) return detectJson(source)
  if (SRT_START.test(source)) return 'srt'
  return null
}

function detectJson(source: string): TranscriptFormat {
  let data: unknown
  try {
    data = JSON.parse(source)
  } catch {
    if (/"segments"\s*:/.test(source)) return 'podcasting2-json'
    if (/"lines"\s*:/.test(source)) return 'dote'
    return 'podlove-json'
  }
  if (isRecord(data)) {
    if ('segments' in data) return 'podcasting2-json'
    if ('lines' in data) return 'dote'
  }
  return 'podlove-json'
}
