import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg'
import sharp from 'sharp'

/**
 * The e2e batch, made here (test/helpers/media-fixtures.ts is ESM-only under Playwright's loader):
 * sharp-drawn images, an ffmpeg sine MP3 with two chapters, a test-pattern MP4 and a text file.
 */
function ffmpeg(args: string[]): void {
  execFileSync(ffmpegInstaller.path, ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] })
}

async function image(path: string, width: number, height: number, hue: number): Promise<void> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},70%,55%)"/><stop offset="1" stop-color="hsl(${hue + 60},70%,35%)"/>
    </linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>
    <circle cx="${width / 2}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="white" fill-opacity="0.35"/>
  </svg>`
  await sharp(Buffer.from(svg)).toFile(path)
}

export async function makeFixtures(dir: string): Promise<void> {
  await image(join(dir, 'cover-art.png'), 640, 480, 260)
  await image(join(dir, 'guest-portrait.jpg'), 480, 640, 20)
  const meta = join(dir, 'chapters.ffmeta')
  writeFileSync(
    meta,
    ';FFMETADATA1\ntitle=Episode 12\n\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1500\ntitle=Intro\n\n' +
      '[CHAPTER]\nTIMEBASE=1/1000\nSTART=1500\nEND=4000\ntitle=Main topic\n',
  )
  ffmpeg([
    ...[
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=330:duration=4',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=3:duration=4',
    ],
    ...['-i', meta, '-filter_complex', '[0][1]amultiply', '-map_metadata', '2', '-map_chapters', '2'],
    ...['-c:a', 'libmp3lame', '-b:a', '64k', '-id3v2_version', '3', join(dir, 'episode-12.mp3')],
  ])
  ffmpeg([
    ...['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25:duration=3', '-c:v', 'libx264'],
    ...['-preset', 'ultrafast', '-pix_fmt', 'yuv420p', join(dir, 'studio-teaser.mp4')],
  ])
  writeFileSync(join(dir, 'show-notes.txt'), 'Episode 12 show notes\n')
}
