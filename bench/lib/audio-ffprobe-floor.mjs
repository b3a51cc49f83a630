// Child process: the floor of an audio import — one ffprobe JSON call per file (the same call Castdesk
// makes: format, streams and chapters), with the importer's concurrency. Reports one JSON line.
// Usage: node audio-ffprobe-floor.mjs <corpus-dir> <concurrency>
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { promisify } from 'node:util'
import pLimit from 'p-limit'
import { listFiles } from './list-files.mjs'
import { ownPeakRssKb } from './peak-rss.mjs'

const [corpusDir, concurrency] = process.argv.slice(2)
const ffprobe = process.env.FFPROBE_PATH || createRequire(import.meta.url)('@ffprobe-installer/ffprobe').path
const run = promisify(execFile)
const ARGS = ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', '-show_chapters', '-i']

const files = await listFiles(corpusDir)
const limit = pLimit(Number(concurrency))
const started = performance.now()
await Promise.all(
  files.map(({ path }) =>
    limit(async () => {
      const { stdout } = await run(ffprobe, [...ARGS, path], { maxBuffer: 16 << 20 })
      JSON.parse(stdout)
    }),
  ),
)
const seconds = (performance.now() - started) / 1000
process.stdout.write(`${JSON.stringify({ seconds, files: files.length, maxRssKb: ownPeakRssKb() })}\n`)
