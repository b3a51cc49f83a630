import type { AudioChapters, ChapterFileFormat, ExportedText } from '../../../shared/api/audio.api'
import { CastdeskError } from '../../../shared/errors'
import type { AudioFormatName, ChapterMarkItem } from '../../../shared/media'
import {
  type Chapter,
  type ChapterFormat,
  chapterCodecs,
  chapterError,
  cleanTitle,
  parseChapters,
  validateChapters,
} from '../../media/audio/chapters'
import { serialize as serializeFfmetadata } from '../../media/audio/chapters/ffmetadata.codec'
import { serialize as serializePodcasting2 } from '../../media/audio/chapters/podcasting2-json.codec'
import { readEmbeddedChapters } from '../../media/audio/embedded-chapters-reader'
import { localSource } from '../../media/audio/local-source'
import type { Storage } from '../../storage/storage'
import { type Clock, isoNow } from '../clock'
import type { Db } from '../database'
import type { AudioRecord, AudioRepository } from '../repositories/audio.repository'
import type { AudioChaptersRepository } from '../repositories/audio-chapters.repository'
import type { AudioService } from './audio.service'
import { decodeUtf8, type ImportSource, readImportSource } from './audio-import-source'

export interface AudioChaptersDeps {
  db: Db
  audios: AudioService
  audioRows: AudioRepository
  chapters: AudioChaptersRepository
  storage: Storage
  clock: Clock
  stagingDir: string
  ffprobePath: () => string
}

const CODEC_FORMAT: Record<ChapterFileFormat, ChapterFormat> = {
  mp4chaps: 'mp4chaps',
  psc: 'psc',
  'podlove-json': 'podlove-json',
  podcasting2: 'podcasting2-json',
  audacity: 'audacity',
  ffmetadata: 'ffmetadata',
}
const FILE_FORMAT = Object.fromEntries(Object.entries(CODEC_FORMAT).map(([k, v]) => [v, k])) as Record<
  ChapterFormat,
  ChapterFileFormat
>

const EXPORT_TYPE: Record<ChapterFileFormat, { mime: string; extension: string }> = {
  mp4chaps: { mime: 'text/plain', extension: 'txt' },
  psc: { mime: 'application/xml', extension: 'xml' },
  'podlove-json': { mime: 'application/json', extension: 'json' },
  podcasting2: { mime: 'application/json+chapters', extension: 'json' },
  audacity: { mime: 'text/plain', extension: 'txt' },
  ffmetadata: { mime: 'text/plain', extension: 'txt' },
}

/** Chapter files are small; 10,000 chapters in any format stay far below this. */
const MAX_CHAPTER_FILE_BYTES = 16 * 1024 * 1024
const MAX_TITLE = 255
/** As many as the contract lets an editor save (audio.setChapters). */
const MAX_CHAPTERS = 10_000
const MAX_URL = 2000

/** Chapter marks of an Audio: validated editing, import and export in every format, embedded chapters. */
export class AudioChaptersService {
  constructor(private readonly deps: AudioChaptersDeps) {}

  list(ownerId: number, id: number): AudioChapters {
    return this.present(this.deps.audios.audio(ownerId, id))
  }

  /** Replaces every mark after validating them all; the error lists every problem, one per line. */
  set(ownerId: number, id: number, marks: readonly ChapterMarkItem[]): AudioChapters {
    const chapters = marks.map((mark) => ({
      startMs: mark.start_ms,
      title: mark.title,
      link: mark.link,
      image: mark.image,
    }))
    return this.replace(ownerId, id, chapters)
  }

  async importChapters(
    ownerId: number,
    id: number,
    source: ImportSource,
    format?: ChapterFileFormat,
  ): Promise<AudioChapters & { format: ChapterFileFormat }> {
    this.deps.audios.audio(ownerId, id)
    const upload = await readImportSource(source, {
      label: 'chapter file',
      code: 'invalid_chapters',
      maxBytes: MAX_CHAPTER_FILE_BYTES,
    })
    const text = decodeUtf8(upload.bytes, upload.name ?? 'The chapter file', 'invalid_chapters')
    const parsed = parseChapters(text, format ? CODEC_FORMAT[format] : undefined)
    return { ...this.replace(ownerId, id, parsed.chapters), format: FILE_FORMAT[parsed.format] }
  }

  /** Links the mark at `startMs` to a library image (a chapter image brought in by a feed import). */
  linkImage(ownerId: number, id: number, startMs: number, imageId: number): void {
    this.deps.audios.audio(ownerId, id)
    this.deps.chapters.setImageId(id, startMs, imageId)
  }

  export(ownerId: number, id: number, format: ChapterFileFormat): ExportedText {
    const audio = this.deps.audios.audio(ownerId, id)
    const chapters = this.deps.chapters.list(id)
    let text: string
    if (format === 'ffmetadata')
      text = serializeFfmetadata(chapters, { durationMs: audio.durationMs ?? undefined })
    else if (format === 'podcasting2') text = serializePodcasting2(chapters, { title: audio.title })
    else text = chapterCodecs[CODEC_FORMAT[format]].serialize(chapters)
    return { id, format, ...EXPORT_TYPE[format], text }
  }

  /** Replaces the marks with the chapters embedded in the first file (mp3, m4a, oga, opus order) that has any. */
  async readEmbedded(ownerId: number, id: number): Promise<AudioChapters & { source: AudioFormatName }> {
    const audio = this.deps.audios.audio(ownerId, id)
    this.deps.audios.firstFile(audio)
    for (const file of audio.files) {
      const local = await localSource(this.deps.storage, file.key, this.deps.stagingDir)
      try {
        const { chapters } = await readEmbeddedChapters(this.deps.ffprobePath(), local.path, file.format)
        if (chapters.length === 0) continue
        const cleaned = chapters.map((c) => ({ ...c, link: c.link && isWebUrl(c.link) ? c.link : null }))
        return { ...this.replace(ownerId, id, cleaned), source: file.format }
      } finally {
        await local.cleanup()
      }
    }
    const kept = this.deps.chapters.count(id)
    throw new CastdeskError(
      'not_found',
      `None of the files of audio ${id} (${audio.files.map((f) => f.format).join(', ')}) has chapter marks embedded; the ${kept} chapter marks you have were kept.`,
    )
  }

  /** The Audio's marks, valid and ascending, with links as absolute http(s) URLs. */
  validChapters(audio: AudioRecord): Chapter[] {
    return checked(this.deps.chapters.list(audio.id), audio.durationMs)
  }

  private replace(ownerId: number, id: number, chapters: readonly Chapter[]): AudioChapters {
    const audio = this.deps.audios.audio(ownerId, id)
    const valid = checked(chapters, audio.durationMs)
    this.deps.db.transaction(() => {
      this.deps.chapters.replace(id, valid)
      this.deps.audioRows.touch(id, isoNow(this.deps.clock))
    })()
    return this.present(audio)
  }

  private present(audio: AudioRecord): AudioChapters {
    const chapters = this.deps.chapters.list(audio.id).map((c) => ({
      start_ms: c.startMs,
      title: c.title,
      link: c.link,
      image: c.image,
    }))
    return { id: audio.id, duration_ms: audio.durationMs, chapters }
  }
}

/** Titles on one line, blank links and images as null, then every rule checked; all problems in one error. */
function checked(chapters: readonly Chapter[], durationMs: number | null): Chapter[] {
  const normal = chapters.map((chapter) => ({
    startMs: chapter.startMs,
    title: cleanTitle(chapter.title),
    link: blankToNull(chapter.link),
    image: blankToNull(chapter.image),
  }))
  const { chapters: sorted, issues } = validateChapters(normal, durationMs)
  const messages = issues.map((issue) => issue.message)
  normal.forEach((chapter, index) => {
    const name = `Chapter ${index + 1} ('${chapter.title}')`
    if (chapter.title.length > MAX_TITLE)
      messages.push(`${name} has a title longer than ${MAX_TITLE} characters.`)
    for (const [what, value] of [
      ['a link', chapter.link],
      ['an image', chapter.image],
    ] as const) {
      if (value !== null && (!isWebUrl(value) || value.length > MAX_URL)) {
        messages.push(
          `${name} has ${what} that is not an http(s) URL of at most ${MAX_URL} characters: ${value}`,
        )
      }
    }
  })
  if (chapters.length > MAX_CHAPTERS)
    messages.unshift(`There are ${chapters.length} chapters; an Audio holds at most ${MAX_CHAPTERS}.`)
  if (messages.length > 0) throw chapterError(messages.join('\n'))
  return sorted
}

function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? ''
  return trimmed === '' ? null : trimmed
}

function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:'
  } catch {
    return false
  }
}
