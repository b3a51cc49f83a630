// Benchmark: `podcast import` of a 100-episode feed with ~5 MB enclosures from a local server,
// against the floor (the same files fetched by `curl --parallel` with the importer's parallelism,
// then the import floor: copy + SHA-256 + ffprobe), and a second run of the unchanged feed.
// Usage: npm run bench -- feed [--episodes N] [--keep]
// Prints one JSON object on stdout; progress goes to stderr. Sizes in MB are MiB (2^20 bytes).
import { execFile, execFileSync } from 'node:child_process'
import { copyFileSync, createReadStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs'
import { appendFile, mkdtemp, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import { createRequire } from 'node:module'
import { availableParallelism, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, promisify } from 'node:util'
import { measure } from './lib/measure-child.mjs'

const benchDir = dirname(fileURLToPath(import.meta.url))
const engineEntry = join(benchDir, '..', 'out', 'main', 'engine.js')
/** Items the importer fetches at once (feed-import.service), which curl uses too. */
const PARALLEL = 3
/** The importer's import concurrency, which the import floor uses. */
const FLOOR_CONCURRENCY = 2
const MB = 1024 * 1024
const log = (message) => process.stderr.write(`${message}\n`)

const { values } = parseArgs({
  options: { episodes: { type: 'string', default: '100' }, keep: { type: 'boolean', default: false } },
})
const episodes = Number(values.episodes)
if (!Number.isInteger(episodes) || episodes < 2) {
  log('usage: npm run bench -- feed [--episodes N] [--keep]')
  process.exit(2)
}
if (!existsSync(engineEntry)) {
  log('bench feed: out/main/engine.js is missing. Build first: npm run build')
  process.exit(1)
}

/** One ~5 MB MP3 made by ffmpeg, copied with a distinct ID3v1 tag each (so no two share bytes). */
function ensureCorpus() {
  const dir = join(tmpdir(), `castdesk-bench-feed-corpus-${episodes}`)
  const last = join(dir, `ep${episodes}.mp3`)
  if (existsSync(last)) return dir
  mkdirSync(dir, { recursive: true })
  const ffmpeg = process.env.FFMPEG_PATH || createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg').path
  const base = join(dir, 'base.mp3')
  log('corpus: encoding one 5 MB MP3')
  execFileSync(ffmpeg, [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:duration=320',
    '-c:a',
    'libmp3lame',
    '-b:a',
    '128k',
    base,
  ])
  for (let n = 1; n <= episodes; n++) {
    const file = join(dir, `ep${n}.mp3`)
    copyFileSync(base, file)
    const tag = Buffer.alloc(128)
    tag.write('TAG', 0)
    tag.write(`Bench episode ${n}`.padEnd(30), 3)
    writeFileSync(file, tag, { flag: 'a' })
  }
  return dir
}

function feedXml(origin, corpus) {
  const items = []
  for (let n = episodes; n >= 1; n--) {
    const size = statSync(join(corpus, `ep${n}.mp3`)).size
    const date = new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toUTCString()
    items.push(`<item><title>Episode ${n}</title><guid isPermaLink="false">bench-${n}</guid><pubDate>${date}</pubDate>
<enclosure url="${origin}/media/ep${n}.mp3" length="${size}" type="audio/mpeg"/><description>Notes of episode ${n}.</description></item>`)
  }
  return `<?xml version="1.0"?><rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd"><channel><title>Bench Show</title><language>en</language>${items.join('\n')}</channel></rss>`
}

async function serve(corpus) {
  let feed = ''
  const server = createServer((request, response) => {
    const path = new URL(request.url, 'http://x').pathname
    if (path === '/feed.xml')
      return response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed)
    const match = /^\/media\/(ep\d+\.mp3)$/.exec(path)
    if (!match) return response.writeHead(404).end()
    const file = join(corpus, match[1])
    response.writeHead(200, { 'content-type': 'audio/mpeg', 'content-length': statSync(file).size })
    if (request.method === 'HEAD') return response.end()
    createReadStream(file).pipe(response)
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${server.address().port}`
  feed = feedXml(origin, corpus)
  return { server, origin }
}

async function curlFloor(origin, scratch) {
  const dir = join(scratch, 'curl')
  mkdirSync(dir, { recursive: true })
  const config = join(scratch, 'curl.txt')
  for (let n = 1; n <= episodes; n++)
    await appendFile(config, `url = "${origin}/media/ep${n}.mp3"\noutput = "${join(dir, `ep${n}.mp3`)}"\n`)
  const started = performance.now()
  await promisify(execFile)('curl', [
    '--silent',
    '--fail',
    '--parallel',
    '--parallel-max',
    String(PARALLEL),
    '--config',
    config,
  ])
  return { seconds: (performance.now() - started) / 1000, dir }
}

const round = (value, places = 2) => Number(value.toFixed(places))
const corpus = ensureCorpus()
const bytes = Array.from(
  { length: episodes },
  (_, i) => statSync(join(corpus, `ep${i + 1}.mp3`)).size,
).reduce((a, b) => a + b, 0)
log(`corpus: ${episodes} files, ${(bytes / MB).toFixed(1)} MB in ${corpus}`)
const { server, origin } = await serve(corpus)
const scratch = await mkdtemp(join(tmpdir(), 'castdesk-bench-feed-'))
try {
  log('castdesk: podcast import')
  const first = await measure('feed-castdesk.mjs', [`${origin}/feed.xml`, join(scratch, 'library')])
  log(`castdesk: ${first.seconds.toFixed(1)} s`)
  log('castdesk: the same feed again (unchanged)')
  const second = await measure('feed-castdesk.mjs', [`${origin}/feed.xml`, join(scratch, 'library')])
  log('floor: curl --parallel, then copy + hash + probe')
  const curl = await curlFloor(origin, scratch)
  const importFloor = await measure('import-floor.mjs', [
    curl.dir,
    join(scratch, 'floor'),
    String(FLOOR_CONCURRENCY),
  ])
  const floorSeconds = curl.seconds + importFloor.seconds
  const result = {
    benchmark: 'feed',
    episodes,
    bytes,
    castdesk: {
      seconds: round(first.seconds, 3),
      mbPerSecond: round(bytes / MB / first.seconds, 1),
      peakRssMb: round(first.maxRssKb / 1024, 1),
      new: first.new,
      failed: first.failed,
    },
    secondRun: {
      seconds: round(second.seconds, 3),
      unchanged: second.unchanged,
      downloadedBytes: second.downloadedBytes,
    },
    floor: {
      seconds: round(floorSeconds, 3),
      curlSeconds: round(curl.seconds, 3),
      importFloorSeconds: round(importFloor.seconds, 3),
    },
    ratio: round(first.seconds / floorSeconds),
    goals: { ratio: 1.3, peakRssMb: 300, secondRunSeconds: 2 },
    machine: { cpus: availableParallelism(), node: process.version },
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
  if (first.failed > 0) process.exitCode = 1
} finally {
  server.close()
  if (values.keep) log(`kept: ${scratch}`)
  else await rm(scratch, { recursive: true, force: true })
}
