import type { ChapterMarkItem } from '../../../../shared/media'
import { parseClockTime, parseSeconds, parseTextBoxTime } from '../../../../shared/timecode'

/** The chapter playing at `ms` (chapters sorted by start), or -1 before the first. */
export function currentChapterIndex(chapters: ChapterMarkItem[], ms: number): number {
  let index = -1
  chapters.forEach((c, i) => {
    if (c.start_ms <= ms) index = i
  })
  return index
}

/** A start typed by a person: `1:23`, `01:02:03.5`, `00:01:30.000` or plain seconds. */
export function parseStart(text: string): number | null {
  const t = text.trim()
  if (/^\d+(?:[.,]\d+)?$/.test(t)) return parseSeconds(t)
  if (/^\d+:\d{1,2}(?:\.\d+)?$/.test(t)) return parseTextBoxTime(`0:${t}`)
  return parseClockTime(t) ?? parseTextBoxTime(t)
}

/** `M:SS.mmm` (with hours when needed): short enough for the chapter list. */
export function formatStart(ms: number): string {
  const h = Math.floor(ms / 3_600_000)
  const m = Math.floor((ms % 3_600_000) / 60_000)
  const s = Math.floor((ms % 60_000) / 1000)
  const frac = String(ms % 1000).padStart(3, '0')
  const mm = h ? String(m).padStart(2, '0') : String(m)
  return `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}.${frac}`
}
