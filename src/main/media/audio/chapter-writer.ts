import { randomUUID } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { CastdeskError } from '../../../shared/errors'
import type { AudioFormatName } from '../../../shared/media'
import { fsyncPath } from '../../storage/atomic-file'
import { type FfprobeResult, ffprobe, secondsToMs } from '../tools/ffprobe'
import { runTool } from '../tools/run-tool'
import { chapterWriteArgs } from './chapter-write-args'
import type { Chapter } from './chapters/chapter'
import { chapterDifference } from './chapters/chapter-diff'
import { serialize as serializeFfmetadata } from './chapters/ffmetadata.codec'
import { completeId3Chapters } from './chapters/id3-chapters'
import { chapterCommentKeys } from './chapters/ogg-chapter-comments'
import { readEmbeddedChapters, readId3TagBytes } from './embedded-chapters-reader'
import { hashFile } from './local-source'

export interface ChapterWriteInput {
  format: AudioFormatName
  /** A local copy of the stored file; it is only read. */
  sourcePath: string
  /** The file's name as the user knows it, for messages. */
  label: string
  /** Valid, ascending chapters; links must be absolute ASCII URLs (`new URL(link).href`). */
  chapters: readonly Chapter[]
  durationMs: number | null
  /** Where temporary files go (this process's staging folder). */
  workDir: string
  tools: { ffmpeg: string; ffprobe: string }
  timeoutMs?: number
}

export interface WrittenAudioFile {
  /** A new file beside the source, with the chapters; the caller stores it or removes it. */
  path: string
  size: number
  sha256: string
  chapters: number
}

/** ffmpeg copies streams, so a 60-minute file takes well under a second; this bounds a hung process. */
export const CHAPTER_WRITE_TIMEOUT_MS = 5 * 60_000
/** Remuxing may move the end by a frame or two (an MP3 frame is 26 ms); more means something went wrong. */
const DURATION_TOLERANCE_MS = 250

/**
 * Writes the chapters into a copy of the file with ffmpeg (`-c copy`, no re-encode), completes the MP3
 * tag with links and a table of contents, then reads the copy back with ffprobe: the same audio stream,
 * the same duration and exactly the chapters written, or an error. The source is never modified.
 */
export async function writeChaptersIntoFile(input: ChapterWriteInput): Promise<WrittenAudioFile> {
  await mkdir(input.workDir, { recursive: true })
  const base = join(input.workDir, `${process.pid}-${randomUUID()}`)
  const metadataFile = `${base}.ffmeta`
  const remuxed = `${base}.remux.${input.format}`
  const output = input.format === 'mp3' ? `${base}.${input.format}` : remuxed
  try {
    const before = await ffprobe(input.tools.ffprobe, input.sourcePath)
    const codec = audioCodec(before, input.label)
    if (input.chapters.length > 0) {
      const durationMs = input.durationMs ?? undefined
      await writeFile(metadataFile, serializeFfmetadata(input.chapters, { durationMs }), 'utf8')
    }
    const args = chapterWriteArgs({
      format: input.format,
      source: input.sourcePath,
      metadataFile,
      output: remuxed,
      chapters: input.chapters,
      audioCodec: codec,
      staleOggKeys: chapterCommentKeys(before.streams?.find((s) => s.codec_type === 'audio')?.tags),
    })
    await runTool(input.tools.ffmpeg, args, { timeoutMs: input.timeoutMs ?? CHAPTER_WRITE_TIMEOUT_MS })
    if (input.format === 'mp3') await completeMp3Tag(remuxed, output, input.chapters, input.label)
    await fsyncPath(output)
    await verify(input, before, codec, output)
    const { size, sha256 } = await hashFile(output)
    return { path: output, size, sha256, chapters: input.chapters.length }
  } catch (error) {
    await rm(output, { force: true })
    if (error instanceof CastdeskError) throw error
    const full = ['ENOSPC', 'EDQUOT'].includes(String((error as NodeJS.ErrnoException).code))
    throw new CastdeskError(
      full ? 'disk_full' : 'tool_failed',
      `Writing chapters into ${input.label} failed: ${(error as Error).message}. The file is unchanged.`,
      { cause: error },
    )
  } finally {
    await rm(metadataFile, { force: true })
    if (remuxed !== output) await rm(remuxed, { force: true })
  }
}

function audioCodec(probe: FfprobeResult, label: string): string {
  const codec = probe.streams?.find((s) => s.codec_type === 'audio')?.codec_name
  if (!codec) {
    throw new CastdeskError(
      'corrupt_media',
      `${label} has no readable audio stream. Replace it with a good copy.`,
    )
  }
  return codec
}

/** Rewrites the ID3 tag ffmpeg wrote with a WXXX link in each CHAP frame and a CTOC when it wrote none. */
async function completeMp3Tag(
  remuxed: string,
  output: string,
  chapters: readonly Chapter[],
  label: string,
): Promise<void> {
  const tag = await readId3TagBytes(remuxed)
  if (!tag) {
    if (chapters.length > 0) throw mismatch(label, 'ffmpeg wrote no ID3 tag')
    await pipeline(createReadStream(remuxed), createWriteStream(output, { flags: 'wx' }))
    return
  }
  const links = new Map(chapters.map((chapter) => [chapter.startMs, chapter.link]))
  const completed = completeId3Chapters(tag, (startMs) => links.get(startMs) ?? null)
  const out = createWriteStream(output, { flags: 'wx' })
  out.write(completed)
  await pipeline(createReadStream(remuxed, { start: tag.length }), out)
}

async function verify(
  input: ChapterWriteInput,
  before: FfprobeResult,
  codec: string,
  output: string,
): Promise<void> {
  const after = await readEmbeddedChapters(input.tools.ffprobe, output, input.format)
  const audioStreams = (probe: FfprobeResult) => probe.streams?.filter((s) => s.codec_type === 'audio') ?? []
  if (audioStreams(after.probe).length !== audioStreams(before).length) {
    throw mismatch(input.label, 'the copy does not have the same audio streams')
  }
  const pictures = (probe: FfprobeResult) =>
    probe.streams?.filter((s) => s.codec_type === 'video').length ?? 0
  if (pictures(after.probe) !== pictures(before)) {
    throw mismatch(input.label, 'its cover picture would be lost (ffmpeg cannot copy it into this container)')
  }
  if (audioCodec(after.probe, input.label) !== codec) {
    throw mismatch(input.label, `the audio changed from ${codec} to ${audioCodec(after.probe, input.label)}`)
  }
  const durationBefore = probeDuration(before)
  const durationAfter = probeDuration(after.probe)
  if (
    durationBefore !== null &&
    (durationAfter === null || Math.abs(durationAfter - durationBefore) > DURATION_TOLERANCE_MS)
  ) {
    throw mismatch(
      input.label,
      `the duration changed from ${durationBefore} ms to ${durationAfter ?? 'unknown'}`,
    )
  }
  const difference = chapterDifference(input.chapters, after.chapters, {
    links: input.format !== 'm4a',
    firstStartsAtZero: input.format === 'm4a',
  })
  if (difference) throw mismatch(input.label, difference)
  if (input.format === 'mp3' && input.chapters.length > 0) {
    const toc = after.id3.tocs.find((t) => t.topLevel)
    if (!toc || toc.children.length !== after.id3.chapters.length) {
      throw mismatch(input.label, 'the ID3 table of contents (CTOC) does not list every chapter')
    }
  }
}

function probeDuration(probe: FfprobeResult): number | null {
  const audio = probe.streams?.find((s) => s.codec_type === 'audio')
  return secondsToMs(probe.format?.duration) ?? secondsToMs(audio?.duration)
}

function mismatch(label: string, what: string): CastdeskError {
  return new CastdeskError(
    'tool_failed',
    `The chapters written into ${label} did not read back as written (${what}). The file is unchanged; check the chapters and try again, or set FFMPEG_PATH to a newer ffmpeg.`,
  )
}
