import { CastdeskError } from '../../../../shared/errors'

/** One chapter mark. `startMs` is a whole number of milliseconds from the start of the episode. */
export interface Chapter {
  startMs: number
  title: string
  link: string | null
  image: string | null
}

export const CHAPTER_FORMATS = [
  'mp4chaps',
  'psc',
  'podlove-json',
  'podcasting2-json',
  'audacity',
  'ffmetadata',
] as const

export type ChapterFormat = (typeof CHAPTER_FORMATS)[number]

/** What every chapter codec module offers; codecs may take extra optional options. */
export interface ChapterCodec {
  parse(text: string): Chapter[]
  serialize(chapters: readonly Chapter[]): string
}

export function chapterError(message: string): CastdeskError {
  return new CastdeskError('invalid_chapters', message)
}

export function failChapters(message: string): never {
  throw chapterError(message)
}

/** Titles are single-line: runs of whitespace (newlines included) become one space. */
export function cleanTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim()
}

/** An ascending copy; `Array.prototype.sort` is stable, so equal starts keep their order. */
export function sortChapters(chapters: readonly Chapter[]): Chapter[] {
  return [...chapters].sort((a, b) => a.startMs - b.startMs)
}

/** Throws `invalid_chapters` for blank input, which every format treats as a mistake. */
export function requireContent(text: string, formatName: string): void {
  if (text.trim() === '') {
    failChapters(`The ${formatName} chapter file is empty; it needs at least one chapter.`)
  }
}
