import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'
import { resolveTool } from '../../src/main/media/tools/tool-paths'

/** Real media made by the tests themselves: ffmpeg lavfi sources and sharp-drawn images. */

export const ffmpegPath = (): string => resolveTool('ffmpeg', process.env).path
export const ffprobePath = (): string => resolveTool('ffprobe', process.env).path

function ffmpeg(args: string[]): void {
  execFileSync(ffmpegPath(), ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
}

const CHAPTERS = `;FFMETADATA1
title=Fixture episode

[CHAPTER]
TIMEBASE=1/1000
START=0
END=1500
title=Intro

[CHAPTER]
TIMEBASE=1/1000
START=1500
END=3000
title=Main topic
`

export interface AudioOptions {
  seconds?: number
  frequency?: number
  chapters?: boolean
}

const AUDIO_CODEC: Record<'mp3' | 'm4a' | 'oga' | 'opus', string[]> = {
  mp3: ['-c:a', 'libmp3lame', '-b:a', '64k', '-id3v2_version', '3'],
  m4a: ['-c:a', 'aac', '-b:a', '64k'],
  oga: ['-c:a', 'libvorbis', '-q:a', '2', '-f', 'ogg'],
  opus: ['-c:a', 'libopus', '-b:a', '32k', '-f', 'ogg'],
}

export function makeAudio(
  path: string,
  format: 'mp3' | 'm4a' | 'oga' | 'opus',
  options: AudioOptions = {},
): string {
  const seconds = options.seconds ?? 3
  const input = ['-f', 'lavfi', '-i', `sine=frequency=${options.frequency ?? 440}:duration=${seconds}`]
  if (options.chapters) {
    const scratch = mkdtempSync(join(tmpdir(), 'castdesk-ffmeta-'))
    const meta = join(scratch, 'chapters.txt')
    writeFileSync(meta, CHAPTERS)
    try {
      ffmpeg([
        ...input,
        '-i',
        meta,
        '-map',
        '0:a',
        '-map_metadata',
        '1',
        '-map_chapters',
        '1',
        ...AUDIO_CODEC[format],
        path,
      ])
    } finally {
      rmSync(scratch, { recursive: true, force: true })
    }
  } else {
    ffmpeg([...input, ...AUDIO_CODEC[format], path])
  }
  return path
}

export function makeVideo(
  path: string,
  options: { width?: number; height?: number; seconds?: number } = {},
): string {
  const size = `${options.width ?? 320}x${options.height ?? 240}`
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${size}:rate=25:duration=${options.seconds ?? 2}`,
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    path,
  ])
  return path
}

export async function makeImage(
  path: string,
  format: 'jpeg' | 'png' | 'webp',
  options: { width?: number; height?: number; seed?: number } = {},
): Promise<string> {
  const width = options.width ?? 64
  const height = options.height ?? 48
  const seed = options.seed ?? 1
  const pixels = Buffer.alloc(width * height * 3)
  for (let i = 0; i < pixels.length; i++)
    pixels[i] = (Math.imul(i + 1, 2654435761) + Math.imul(seed + 1, 40503)) >>> 24
  await sharp(pixels, { raw: { width, height, channels: 3 } })
    .toFormat(format)
    .toFile(path)
  return path
}

export function makeDir(...parts: string[]): string {
  const dir = join(...parts)
  mkdirSync(dir, { recursive: true })
  return dir
}

export function probeDurationMs(path: string): number {
  const out = execFileSync(ffprobePath(), [
    '-v',
    'error',
    '-show_entries',
    'format=duration',
    '-of',
    'default=noprint_wrappers=1:nokey=1',
    path,
  ])
  return Math.round(Number(out.toString().trim()) * 1000)
}
