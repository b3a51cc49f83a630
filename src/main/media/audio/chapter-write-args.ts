import type { AudioFormatName } from '../../../shared/media'
import type { Chapter } from './chapters/chapter'
import { oggChapterComments } from './chapters/ogg-chapter-comments'

export interface ChapterWriteArgsInput {
  format: AudioFormatName
  source: string
  /** FFMETADATA file with the chapters (MP3 and M4A); unused for Ogg and when there are no chapters. */
  metadataFile: string
  output: string
  chapters: readonly Chapter[]
  /** The codec of the source's audio stream (M4A: AAC and ALAC go in an iPod-branded file). */
  audioCodec: string
  /** Chapter comment keys the Ogg source has that the new chapters do not set: they are blanked. */
  staleOggKeys: readonly string[]
}

/**
 * The ffmpeg arguments that copy the streams of a file (no re-encode) with new chapters: MP3 gets ID3v2.3
 * CHAP frames, M4A a QuickTime chapter track, Ogg Vorbis/Opus `CHAPTERnnn` comments. The audio and an
 * attached cover picture are kept, and so is the global metadata; the old chapters are not.
 */
export function chapterWriteArgs(input: ChapterWriteArgsInput): string[] {
  const hasChapters = input.chapters.length > 0
  const args = ['-v', 'error', '-nostdin', '-y', '-i', input.source]
  switch (input.format) {
    case 'mp3':
    case 'm4a': {
      if (hasChapters) args.push('-i', input.metadataFile)
      args.push(
        '-map',
        '0:a',
        '-map',
        '0:v?',
        '-map_metadata',
        '0',
        '-map_chapters',
        hasChapters ? '1' : '-1',
      )
      args.push('-c', 'copy')
      if (input.format === 'mp3') args.push('-id3v2_version', '3', '-f', 'mp3')
      else
        args.push(
          '-f',
          ['aac', 'alac'].includes(input.audioCodec) ? 'ipod' : 'mp4',
          '-movflags',
          '+faststart',
        )
      break
    }
    case 'oga':
    case 'opus': {
      args.push('-map', '0:a', '-map_metadata', '0', '-map_chapters', '-1', '-c', 'copy')
      const comments = oggChapterComments(input.chapters)
      const setting = new Set(comments.map(([key]) => key.toUpperCase()))
      for (const key of input.staleOggKeys) {
        if (!setting.has(key.toUpperCase())) args.push('-metadata:s:a:0', `${key}=`)
      }
      for (const [key, value] of comments) args.push('-metadata:s:a:0', `${key}=${value}`)
      args.push('-f', 'ogg')
      break
    }
  }
  args.push(input.output)
  return args
}
