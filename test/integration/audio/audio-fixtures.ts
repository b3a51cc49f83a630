import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse as parseFfmetadata } from '../../../src/main/media/audio/chapters/ffmetadata.codec'
import { oggChapterComments } from '../../../src/main/media/audio/chapters/ogg-chapter-comments'
import type { AudioFormatName } from '../../../src/shared/media'
import { ffmpegPath, ffprobePath } from '../../helpers/media-fixtures'

/** The chapters every audio fixture carries, as an FFMETADATA file (the input of `-map_chapters`). */
export const FIXTURE_FFMETADATA = `;FFMETADATA1
title=Fixture episode

[CHAPTER]
TIMEBASE=1/1000
START=0
END=2500
title=Intro

[CHAPTER]
TIMEBASE=1/1000
START=2500
END=6250
title=Küche \\= kitchen

[CHAPTER]
TIMEBASE=1/1000
START=6250
END=9000
title=Outro 🎙
`

export const FIXTURE_CHAPTERS = [
  { startMs: 0, title: 'Intro' },
  { startMs: 2500, title: 'Küche = kitchen' },
  { startMs: 6250, title: 'Outro 🎙' },
]

const CODEC: Record<AudioFormatName, string[]> = {
  mp3: ['-c:a', 'libmp3lame', '-b:a', '64k', '-id3v2_version', '3', '-f', 'mp3'],
  m4a: ['-c:a', 'aac', '-b:a', '64k', '-f', 'ipod'],
  oga: ['-c:a', 'libvorbis', '-q:a', '2', '-f', 'ogg'],
  opus: ['-c:a', 'libopus', '-b:a', '32k', '-f', 'ogg'],
}

export interface FixtureOptions {
  seconds?: number
  frequency?: number
  /** Carry the FFMETADATA chapters (default true). */
  chapters?: boolean
  /** Two channels instead of one. */
  stereo?: boolean
  /** A PNG cover as an attached picture (MP3 and M4A). */
  cover?: boolean
}

/**
 * Real audio from ffmpeg's lavfi sine source with the FFMETADATA chapters. MP3 and M4A take them with
 * `-map_chapters`; Ogg muxers write no chapters that way (the bundled 2018 ffmpeg not at all, Debian's
 * not for Vorbis), so for Ogg the same file's chapters go in as CHAPTERnnn comments, which every
 * ffprobe reads as chapters.
 */
export function makeChapteredAudio(
  path: string,
  format: AudioFormatName,
  options: FixtureOptions = {},
): string {
  const seconds = options.seconds ?? 9
  const args = [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${options.frequency ?? 440}:duration=${seconds}`,
  ]
  const maps = ['-map', '0:a']
  const withChapters = options.chapters ?? true
  const dir = mkdtempSync(join(tmpdir(), 'castdesk-audio-fixture-'))
  let input = 1
  if (withChapters && (format === 'mp3' || format === 'm4a')) {
    const meta = join(dir, 'chapters.txt')
    writeFileSync(meta, FIXTURE_FFMETADATA)
    args.push('-i', meta)
    maps.push('-map_metadata', String(input), '-map_chapters', String(input))
    input++
  }
  if (options.cover && (format === 'mp3' || format === 'm4a')) {
    const cover = join(dir, 'cover.png')
    execFileSync(ffmpegPath(), [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=64x64',
      '-frames:v',
      '1',
      cover,
    ])
    args.push('-i', cover)
    maps.push('-map', `${input}:v`, '-c:v', 'png', '-disposition:v', 'attached_pic')
  }
  if (withChapters && (format === 'oga' || format === 'opus')) {
    const chapters = parseFfmetadata(FIXTURE_FFMETADATA)
    for (const [key, value] of oggChapterComments(chapters)) maps.push('-metadata:s:a:0', `${key}=${value}`)
  }
  if (options.stereo) maps.push('-ac', '2')
  try {
    execFileSync(ffmpegPath(), [...args, ...maps, ...CODEC[format], path], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  return path
}

export interface ProbedChapterLine {
  startMs: number
  title: string
}

/** What ffprobe reads back: chapters (start from `start_time`, title) and the duration. */
export function probeFile(path: string): {
  chapters: ProbedChapterLine[]
  durationMs: number
  json: ProbeJson
} {
  const out = execFileSync(ffprobePath(), [
    '-v',
    'error',
    '-print_format',
    'json',
    '-show_format',
    '-show_streams',
    '-show_chapters',
    path,
  ])
  const json = JSON.parse(out.toString()) as ProbeJson
  return {
    chapters: json.chapters.map((c) => ({
      startMs: Math.round(Number(c.start_time) * 1000),
      title: c.tags?.title ?? '',
    })),
    durationMs: Math.round(Number(json.format.duration) * 1000),
    json,
  }
}

export interface ProbeJson {
  format: { duration: string }
  streams: Array<{
    codec_type: string
    codec_name: string
    tags?: Record<string, string>
    disposition?: Record<string, number>
  }>
  chapters: Array<{ id: number; start_time: string; tags?: { title?: string } }>
}
