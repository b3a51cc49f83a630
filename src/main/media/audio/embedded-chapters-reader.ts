import { open } from 'node:fs/promises'
import type { AudioFormatName } from '../../../shared/media'
import { type FfprobeResult, ffprobe } from '../tools/ffprobe'
import type { Chapter } from './chapters/chapter'
import { chaptersFromProbe, type ProbedChapters } from './chapters/embedded-chapters'
import { type Id3Chapter, type Id3TableOfContents, readId3Chapters } from './chapters/id3-chapters'
import { ID3_HEADER_BYTES, id3TagLength } from './chapters/id3-frames'

export interface EmbeddedChapters {
  probe: FfprobeResult
  chapters: Chapter[]
  /** MP3 only: the ID3 chapter frames and tables of contents as stored (empty for other formats). */
  id3: { chapters: Id3Chapter[]; tocs: Id3TableOfContents[] }
}

/** The largest ID3 tag read to find chapter links (a tag with a big cover picture can be megabytes). */
const MAX_TAG_BYTES = 64 * 1024 * 1024

/** The chapters a file holds, read by ffprobe, with the links of MP3 (ID3 WXXX) and Ogg (CHAPTERnnnURL). */
export async function readEmbeddedChapters(
  ffprobePath: string,
  path: string,
  format: AudioFormatName,
): Promise<EmbeddedChapters> {
  const probe = await ffprobe(ffprobePath, path)
  const id3 = format === 'mp3' ? await readId3(path) : { chapters: [], tocs: [] }
  return { probe, chapters: chaptersFromProbe(probe as ProbedChapters, id3.chapters), id3 }
}

/** The ID3 tag at the start of a file, or null when there is none. */
export async function readId3TagBytes(path: string): Promise<Buffer | null> {
  const handle = await open(path, 'r')
  try {
    const header = Buffer.alloc(ID3_HEADER_BYTES)
    const { bytesRead } = await handle.read(header, 0, ID3_HEADER_BYTES, 0)
    const length = id3TagLength(header.subarray(0, bytesRead))
    if (length === null || length > MAX_TAG_BYTES) return null
    const tag = Buffer.alloc(length)
    const read = await handle.read(tag, 0, length, 0)
    return read.bytesRead === length ? tag : null
  } finally {
    await handle.close()
  }
}

async function readId3(path: string): Promise<{ chapters: Id3Chapter[]; tocs: Id3TableOfContents[] }> {
  const tag = await readId3TagBytes(path)
  if (!tag) return { chapters: [], tocs: [] }
  try {
    return readId3Chapters(tag)
  } catch {
    // A tag layout Castdesk does not parse still has the chapters ffprobe read; only links are missed.
    return { chapters: [], tocs: [] }
  }
}
