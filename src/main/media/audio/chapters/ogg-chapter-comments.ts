import { formatClockTime } from '../../../../shared/timecode'
import { type Chapter, sortChapters } from './chapter'

/**
 * Vorbis comment chapters (the "chapter extension" Ogg Vorbis and Opus players read):
 * `CHAPTER001=00:00:00.000`, `CHAPTER001NAME=Title`, `CHAPTER001URL=https://…`, numbered from 001.
 */

export const MAX_OGG_CHAPTERS = 999

export function oggChapterComments(chapters: readonly Chapter[]): Array<[key: string, value: string]> {
  if (chapters.length > MAX_OGG_CHAPTERS) {
    throw new RangeError(`Ogg chapter comments are numbered 001 to ${MAX_OGG_CHAPTERS}.`)
  }
  return sortChapters(chapters).flatMap((chapter, index) => {
    const key = `CHAPTER${String(index + 1).padStart(3, '0')}`
    const comments: Array<[string, string]> = [
      [key, formatClockTime(chapter.startMs)],
      [`${key}NAME`, chapter.title],
    ]
    if (chapter.link) comments.push([`${key}URL`, chapter.link])
    return comments
  })
}

/** Chapter comment keys among a stream's tags (ffmpeg turns CHAPTERnnn and NAME into chapters, not URL). */
export function chapterCommentKeys(tags: Readonly<Record<string, string>> | undefined): string[] {
  return Object.keys(tags ?? {}).filter((key) => /^CHAPTER\d+(?:NAME|URL)?$/i.test(key))
}
