import { formatClockTime } from '../../../../shared/timecode'
import { type Chapter, chapterError, sortChapters } from './chapter'

export interface ChapterIssue {
  /** Position of the chapter in the list given, counted from 1. */
  entry: number
  message: string
}

export interface ChapterValidation {
  /** The chapters in ascending start order (also when there are issues). */
  chapters: Chapter[]
  issues: ChapterIssue[]
}

function label(chapter: Chapter, entry: number): string {
  const title = chapter.title.trim() === '' ? '' : `'${chapter.title}' `
  const at =
    Number.isSafeInteger(chapter.startMs) && chapter.startMs >= 0
      ? `at ${formatClockTime(chapter.startMs)}`
      : ''
  const details = `${title}${at}`.trim()
  return details === '' ? `Chapter ${entry}` : `Chapter ${entry} (${details})`
}

/**
 * Checks what every format needs: a non-empty title, a whole non-negative start, no two chapters with
 * the same start, and no start at or after the end of the episode when `durationMs` is known.
 */
export function validateChapters(
  chapters: readonly Chapter[],
  durationMs?: number | null,
): ChapterValidation {
  const issues: ChapterIssue[] = []
  const firstAt = new Map<number, number>()
  chapters.forEach((chapter, index) => {
    const entry = index + 1
    const name = label(chapter, entry)
    if (chapter.title.trim() === '') issues.push({ entry, message: `${name} has no title.` })
    if (!Number.isSafeInteger(chapter.startMs) || chapter.startMs < 0) {
      issues.push({ entry, message: `${name} has no valid start time (got ${chapter.startMs}).` })
      return
    }
    const earlier = firstAt.get(chapter.startMs)
    if (earlier !== undefined) {
      issues.push({
        entry,
        message: `${name} starts at the same time as chapter ${earlier}; give each chapter its own start time.`,
      })
    } else {
      firstAt.set(chapter.startMs, entry)
    }
    if (durationMs != null && durationMs > 0 && chapter.startMs >= durationMs) {
      issues.push({
        entry,
        message: `${name} starts at or after the end of the episode (${formatClockTime(Math.round(durationMs))}).`,
      })
    }
  })
  return { chapters: sortChapters(chapters), issues }
}

/** Like `validateChapters`, but throws `invalid_chapters` listing every issue, one per line. */
export function assertValidChapters(chapters: readonly Chapter[], durationMs?: number | null): Chapter[] {
  const { chapters: sorted, issues } = validateChapters(chapters, durationMs)
  if (issues.length > 0) throw chapterError(issues.map((issue) => issue.message).join('\n'))
  return sorted
}
