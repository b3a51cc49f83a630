// Writes one planned corpus entry: sharp-drawn photos, ffmpeg lavfi audio and video, PDFs and text.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { copyFile, rm, writeFile } from 'node:fs/promises'
import { promisify } from 'node:util'
import sharp from 'sharp'
import { seededRandom } from './corpus-plan.mjs'

const run = promisify(execFile)

// Shared noise, sliced at a different offset for each image (generating noise per image is slow).
const NOISE_OFFSETS = 8 * 1024 * 1024
let noise = null

/** A diagonal two-colour gradient with film grain: compresses like a photo, not like a flat fill. */
async function writeImage(entry, target) {
  const { width, height, format, seed } = entry
  const random = seededRandom(seed)
  const from = [0, 0, 0].map(() => 40 + Math.floor(random() * 200))
  const to = [0, 0, 0].map(() => 20 + Math.floor(random() * 200))
  const grain = format === 'png' ? 12 : 48
  const size = width * height * 3
  noise ??= randomBytes(4000 * 3000 * 3 + NOISE_OFFSETS)
  const offset = Math.floor(random() * NOISE_OFFSETS)
  const pixels = new Uint8ClampedArray(size)
  let i = 0
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x / width + y / height) / 2
      for (let c = 0; c < 3; c++, i++) {
        pixels[i] = from[c] + (to[c] - from[c]) * t + (((noise[offset + i] - 128) * grain) >> 7)
      }
    }
  }
  let image = sharp(Buffer.from(pixels.buffer), { raw: { width, height, channels: 3 } })
  if (entry.orientation) image = image.withMetadata({ orientation: entry.orientation })
  image = format === 'png' ? image.png() : image.jpeg({ quality: 88 })
  await writeFile(target, await image.toBuffer())
}

const chaptersFile = (seconds) => {
  const third = Math.floor((seconds * 1000) / 3)
  const chapter = (start, end, title) =>
    `[CHAPTER]\nTIMEBASE=1/1000\nSTART=${start}\nEND=${end}\ntitle=${title}\n`
  return `;FFMETADATA1\n${chapter(0, third, 'Intro')}${chapter(third, 2 * third, 'Interview')}${chapter(2 * third, seconds * 1000, 'Outro')}`
}

async function writeAudio(entry, target, tools) {
  const { seconds, frequency, bitrate, format } = entry
  const args = ['-f', 'lavfi', '-i', `sine=frequency=${frequency}:duration=${seconds}:sample_rate=44100`]
  if (entry.chapters) {
    const metadata = `${target}.ffmeta`
    await writeFile(metadata, chaptersFile(seconds))
    args.push('-i', metadata, '-map', '0:a', '-map_metadata', '1', '-map_chapters', '1')
  }
  args.push('-metadata', `title=${entry.path}`)
  if (format === 'mp3') {
    args.push('-ac', String(entry.channels), '-c:a', 'libmp3lame', '-compression_level', '9')
    args.push('-b:a', bitrate, '-id3v2_version', '3', '-f', 'mp3')
  } else {
    args.push('-c:a', 'aac', '-b:a', bitrate, '-f', 'ipod')
  }
  await ffmpeg(tools, [...args, target])
  if (entry.chapters) await rm(`${target}.ffmeta`, { force: true })
}

async function writeVideo(entry, target, tools) {
  const { width, height, seconds, hue } = entry
  const args = [
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=${width}x${height}:rate=30:duration=${seconds},hue=h=${hue}`,
  ]
  if (entry.withAudio) args.push('-f', 'lavfi', '-i', `sine=frequency=${220 + hue}:duration=${seconds}`)
  args.push('-metadata', `title=${entry.path}`)
  args.push('-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p', '-threads', '1')
  if (entry.withAudio) args.push('-c:a', 'aac', '-b:a', '96k', '-shortest')
  await ffmpeg(tools, [...args, '-movflags', '+faststart', '-f', 'mp4', target])
}

const WORDS = (
  'episode guest microphone intro outro sponsor listener question answer story ' +
  'season interview recording edit mix chapter transcript show notes link podcast feed'
).split(' ')

function words(bytes, seed) {
  const random = seededRandom(seed)
  let text = ''
  while (text.length < bytes) {
    const line = Array.from({ length: 12 }, () => WORDS[Math.floor(random() * WORDS.length)])
    text += `${line.join(' ')}.\n`
  }
  return text.slice(0, bytes)
}

function textDocument({ extension, bytes, seed }) {
  const body = words(bytes, seed)
  if (extension === 'md') return `# Show notes ${seed}\n\n${body}`
  if (extension === 'json') return JSON.stringify({ episode: seed, notes: body.split('\n') }, null, 2)
  if (extension === 'csv')
    return `time,speaker,text\n${body
      .split('\n')
      .map((line, n) => `${n},host,"${line}"`)
      .join('\n')}`
  return body
}

/** A small well-formed PDF: one page of text plus an opaque embedded stream to reach the size. */
function pdfDocument({ bytes, path }) {
  const text = `BT /F1 18 Tf 72 720 Td (${path}) Tj ET`
  const padding = randomBytes(Math.max(0, bytes - 1200))
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    Buffer.from(`<< /Length ${text.length} >>\nstream\n${text}\nendstream`),
    Buffer.concat([
      Buffer.from(`<< /Length ${padding.length} >>\nstream\n`),
      padding,
      Buffer.from('\nendstream'),
    ]),
  ]
  const parts = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')]
  const offsets = []
  let length = parts[0].length
  objects.forEach((body, n) => {
    const chunk = Buffer.concat([
      Buffer.from(`${n + 1} 0 obj\n`),
      Buffer.from(body),
      Buffer.from('\nendobj\n'),
    ])
    offsets.push(length)
    parts.push(chunk)
    length += chunk.length
  })
  const xref = offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  parts.push(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`,
    ),
  )
  return Buffer.concat(parts)
}

async function ffmpeg(tools, args) {
  await run(tools.ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', ...args], { maxBuffer: 1 << 20 })
}

/** Writes `entry` to `target` (a temporary name: the caller renames it into place). */
export async function writeEntry(entry, target, tools) {
  switch (entry.kind) {
    case 'image':
      return writeImage(entry, target)
    case 'audio':
      return writeAudio(entry, target, tools)
    case 'video':
      return writeVideo(entry, target, tools)
    case 'pdf':
      return writeFile(target, pdfDocument(entry))
    case 'text':
      return writeFile(target, textDocument(entry))
    case 'copy':
      return copyFile(tools.resolve(entry.of), target)
    default:
      throw new Error(`unknown corpus entry kind ${entry.kind}`)
  }
}
