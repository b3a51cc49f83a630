// The audio benchmark corpus: N podcast-like files (MP3, M4A, Ogg Vorbis, Opus; 1–60 minutes; some with
// chapters; some M4A sharing a base name with an MP3), cached in bench/.corpus/audio-v1/.
// Encoding hours of audio would take longer than the benchmark, so one 60-minute file is encoded per
// format once, and each corpus file is a stream copy of its first N minutes with its own tags (and
// chapters): real, distinct files of the right length and container, written in a fraction of a second.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import pLimit from 'p-limit'
import { seededRandom } from './corpus-plan.mjs'
import { ffmpegPath } from './import-corpus.mjs'

const run = promisify(execFile)
const benchDir = dirname(dirname(fileURLToPath(import.meta.url)))
/** Bump when the plan or the writers change, so an old cache is not reused. */
export const AUDIO_CORPUS_ROOT = join(benchDir, '.corpus', 'audio-v1')
export const BASE_MINUTES = 60

// Mono speech-like bitrates podcasters use; 44.1 kHz for MP3/AAC/Vorbis, 48 kHz for Opus.
const BASE_ENCODE = {
  mp3: ['-ar', '44100', '-c:a', 'libmp3lame', '-b:a', '64k', '-f', 'mp3'],
  m4a: ['-ar', '44100', '-c:a', 'aac', '-b:a', '64k', '-f', 'ipod'],
  oga: ['-ar', '44100', '-c:a', 'libvorbis', '-q:a', '1', '-f', 'ogg'],
  opus: ['-ar', '48000', '-c:a', 'libopus', '-b:a', '32k', '-f', 'ogg'],
}
const COPY_FORMAT = {
  mp3: ['-f', 'mp3', '-id3v2_version', '3'],
  m4a: ['-f', 'ipod'],
  oga: ['-f', 'ogg'],
  opus: ['-f', 'ogg'],
}

const pad = (i) => String(i).padStart(4, '0')

/** The seeded plan: 45 % MP3, 25 % M4A (a third of them the M4A of an MP3 episode), 15 % OGA, 15 % Opus. */
export function planAudioCorpus(total) {
  const random = seededRandom(4_2024 + total)
  const between = (low, high) => low + Math.floor(random() * (high - low + 1))
  const counts = {
    mp3: Math.round(total * 0.45),
    m4a: Math.round(total * 0.25),
    oga: Math.round(total * 0.15),
  }
  counts.opus = total - counts.mp3 - counts.m4a - counts.oga
  const entries = []
  const mp3Minutes = []
  for (let i = 0; i < counts.mp3; i++) {
    const minutes = between(1, BASE_MINUTES)
    mp3Minutes.push(minutes)
    entries.push({
      path: `episode-${pad(i)}.mp3`,
      format: 'mp3',
      minutes,
      chapters: random() < 0.4 ? between(3, 20) : 0,
    })
  }
  const paired = Math.floor(counts.m4a / 3)
  for (let i = 0; i < counts.m4a; i++) {
    const pair = i < paired
    entries.push({
      path: pair ? `episode-${pad(i)}.m4a` : `bonus-${pad(i)}.m4a`,
      format: 'm4a',
      minutes: pair ? mp3Minutes[i] : between(1, BASE_MINUTES),
      chapters: random() < 0.4 ? between(3, 20) : 0,
    })
  }
  for (const format of ['oga', 'opus']) {
    for (let i = 0; i < counts[format]; i++) {
      entries.push({
        path: `${format}-${pad(i)}.${format}`,
        format,
        minutes: between(1, BASE_MINUTES),
        chapters: random() < 0.4 ? between(3, 20) : 0,
      })
    }
  }
  return entries
}

function chapterList(count, seconds) {
  const step = Math.floor((seconds * 1000) / count)
  return Array.from({ length: count }, (_, i) => ({
    start: i * step,
    end: (i + 1) * step,
    title: `Chapter ${i + 1}`,
  }))
}

/** The 60-minute source of one format (encoded once, cached). */
export async function ensureBase(format, log) {
  const path = join(AUDIO_CORPUS_ROOT, 'base', `base.${format}`)
  if (existsSync(path)) return path
  await mkdir(dirname(path), { recursive: true })
  log(`audio corpus: encoding the ${BASE_MINUTES}-minute ${format} source once`)
  const seconds = BASE_MINUTES * 60
  const source = `sine=frequency=220:beep_factor=4:duration=${seconds}`
  await run(ffmpegPath(), [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    source,
    '-ac',
    '1',
    ...BASE_ENCODE[format],
    `${path}.part`,
  ])
  await rename(`${path}.part`, path)
  return path
}

async function writeEntry(entry, base, target) {
  const seconds = entry.minutes * 60
  const args = ['-v', 'error', '-y', '-i', base]
  const ogg = entry.format === 'oga' || entry.format === 'opus'
  const chapters = entry.chapters ? chapterList(entry.chapters, seconds) : []
  if (chapters.length && !ogg) {
    const meta = chapters
      .map((c) => `[CHAPTER]\nTIMEBASE=1/1000\nSTART=${c.start}\nEND=${c.end}\ntitle=${c.title}\n`)
      .join('\n')
    await writeFile(`${target}.ffmeta`, `;FFMETADATA1\n${meta}`)
    args.push('-i', `${target}.ffmeta`, '-map_chapters', '1')
  } else args.push('-map_chapters', '-1')
  args.push('-map', '0:a', '-t', String(seconds), '-c', 'copy', '-metadata', `title=${entry.path}`)
  if (ogg) {
    chapters.forEach((c, i) => {
      const key = `CHAPTER${String(i + 1).padStart(3, '0')}`
      const ms = c.start
      const time = `${String(Math.floor(ms / 3_600_000)).padStart(2, '0')}:${String(Math.floor(ms / 60_000) % 60).padStart(2, '0')}:${String(Math.floor(ms / 1000) % 60).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}`
      args.push('-metadata:s:a:0', `${key}=${time}`, '-metadata:s:a:0', `${key}NAME=${c.title}`)
    })
  }
  await run(ffmpegPath(), [...args, ...COPY_FORMAT[entry.format], target])
  await rm(`${target}.ffmeta`, { force: true })
}

/** Makes sure every planned file exists (missing ones written to a temp name, then renamed) and returns the folder. */
export async function ensureAudioCorpus(total, log, parallel = availableParallelism()) {
  const filesDir = join(AUDIO_CORPUS_ROOT, `n${total}`, 'files')
  const plan = planAudioCorpus(total)
  const missing = plan.filter((entry) => !existsSync(join(filesDir, entry.path)))
  if (missing.length === 0) return filesDir
  const bases = {}
  for (const format of ['mp3', 'm4a', 'oga', 'opus']) bases[format] = await ensureBase(format, log)
  await mkdir(filesDir, { recursive: true })
  log(`audio corpus: writing ${missing.length} of ${plan.length} files to ${filesDir}`)
  const limit = pLimit(parallel)
  let done = 0
  await Promise.all(
    missing.map((entry) =>
      limit(async () => {
        const target = join(filesDir, entry.path)
        await writeEntry(entry, bases[entry.format], `${target}.part`)
        await rename(`${target}.part`, target)
        if (++done % 50 === 0) log(`audio corpus: ${done}/${missing.length}`)
      }),
    ),
  )
  return filesDir
}
