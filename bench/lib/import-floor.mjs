// Child process: the least work an import must do, on the same files with the same concurrency:
// stream-copy each file while hashing SHA-256, then probe it (sharp metadata for images, one
// ffprobe JSON call for audio and video, nothing for documents). Reports one JSON line on stdout.
// Usage: node import-floor.mjs <corpus-dir> <scratch-dir> <concurrency>
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { extname, join } from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { promisify } from 'node:util'
import pLimit from 'p-limit'
import sharp from 'sharp'
import { cpuSecondsWithChildren } from './cpu-seconds.mjs'
import { listFiles } from './list-files.mjs'
import { ownPeakRssKb } from './peak-rss.mjs'

const [corpusDir, scratchDir, concurrency] = process.argv.slice(2)
const ffprobe = process.env.FFPROBE_PATH || createRequire(import.meta.url)('@ffprobe-installer/ffprobe').path
const run = promisify(execFile)
const IMAGES = new Set(['.jpg', '.jpeg', '.png', '.gif', '.webp', '.avif', '.tif', '.tiff'])
const AUDIO_VIDEO = new Set([
  '.mp3',
  '.m4a',
  '.ogg',
  '.oga',
  '.opus',
  '.mp4',
  '.m4v',
  '.mov',
  '.webm',
  '.mkv',
])

async function copyHashing(source, target) {
  const hash = createHash('sha256')
  const hasher = new Transform({
    transform(chunk, _encoding, callback) {
      hash.update(chunk)
      callback(null, chunk)
    },
  })
  await pipeline(createReadStream(source), hasher, createWriteStream(target, { flags: 'wx' }))
  return hash.digest('hex')
}

async function probe(path) {
  const extension = extname(path).toLowerCase()
  if (IMAGES.has(extension)) return sharp(path).metadata()
  if (!AUDIO_VIDEO.has(extension)) return null
  const args = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-i', path]
  const { stdout } = await run(ffprobe, args, { maxBuffer: 16 << 20 })
  return JSON.parse(stdout)
}

const cpuAtStart = cpuSecondsWithChildren()
const started = performance.now()
await mkdir(scratchDir, { recursive: true })
const files = await listFiles(corpusDir)
const limit = pLimit(Number(concurrency))
let done = 0
await Promise.all(
  files.map(({ path }, n) =>
    limit(async () => {
      const copy = join(scratchDir, `${n}${extname(path)}`)
      await copyHashing(path, copy)
      await probe(copy)
      if (++done % 100 === 0) process.stderr.write(`floor: ${done} files\n`)
    }),
  ),
)
const seconds = (performance.now() - started) / 1000
const result = {
  seconds,
  cpuSeconds: cpuSecondsWithChildren() - cpuAtStart,
  files: files.length,
  maxRssKb: ownPeakRssKb(),
}
process.stdout.write(`${JSON.stringify(result)}\n`)
