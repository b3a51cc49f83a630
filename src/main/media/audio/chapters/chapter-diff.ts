import { formatClockTime } from '../../../../shared/timecode'
import { type Chapter, sortChapters } from './chapter'

export interface ChapterDiffOptions {
  /** Compare links too (formats that store them). */
  links: boolean
  /** The format cannot start its first chapter after 0 (a QuickTime chapter track), so it reads back at 0. */
  firstStartsAtZero?: boolean
}

/** What a file's chapters should read back as, given what was written and what the format keeps. */
export function expectedReadBack(written: readonly Chapter[], options: ChapterDiffOptions): Chapter[] {
  return sortChapters(written).map((chapter, index) => ({
    startMs: index === 0 && options.firstStartsAtZero ? 0 : chapter.startMs,
    title: chapter.title,
    link: options.links ? chapter.link : null,
    image: null,
  }))
}

/** The first difference between two chapter lists as a sentence, or null when they match exactly. */
export function chapterDifference(
  expected: readonly Chapter[],
  actual: readonly Chapter[],
  options: ChapterDiffOptions,
): string | null {
  const want = expectedReadBack(expected, options)
  const got = sortChapters(actual)
  if (want.length !== got.length) {
    return `${want.length} chapters were written but ${got.length} read back`
  }
  for (const [index, chapter] of want.entries()) {
    const found = got[index] as Chapter
    const name = `chapter ${index + 1}`
    if (found.startMs !== chapter.startMs) {
      return `${name} should start at ${formatClockTime(chapter.startMs)} but starts at ${formatClockTime(found.startMs)}`
    }
    if (found.title !== chapter.title)
      return `${name} should be titled "${chapter.title}" but reads "${found.title}"`
    if (options.links && (found.link ?? null) !== (chapter.link ?? null)) {
      return `${name} should link to ${chapter.link ?? 'nothing'} but links to ${found.link ?? 'nothing'}`
    }
  }
  return null
}
