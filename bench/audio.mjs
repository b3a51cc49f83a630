// Benchmark: audio. (1) Importing 200 generated podcast files (MP3, M4A, Ogg Vorbis, Opus; 1–60 minutes;
// some with chapters, some M4A joining an MP3 episode) into a fresh library, against the floor of running
// ffprobe alone on the same files with the same concurrency (and, for context, against copy + SHA-256 +
// ffprobe, the least any import that keeps its own copy does). (2) Writing 20 chapters into a 60-minute MP3
// (`audio.writeChapters`: stream copy, ID3 links and table of contents, ffprobe read-back, SHA-256,
// atomic replace) against the bare `ffmpeg -c copy -map_chapters` command; plus its first waveform.
// Usage: npm run bench -- audio [--files N] [--runs N] [--keep]
// Prints one JSON object on stdout; progress goes to stderr. MB are MiB.
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { availableParallelism, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { ensureAudioCorpus, ensureBase, planAudioCorpus } from './lib/audio-corpus.mjs'
import { listFiles } from './lib/list-files.mjs'
import { measure } from './lib/measure-child.mjs'

const benchDir = dirname(fileURLToPath(import.meta.url))
const engineEntry = join(benchDir, '..', 'out', 'main', 'engine.js')
/** The importer's default concurrency, which the floor uses too. */
const CONCURRENCY = 2
const MB = 1024 * 1024
const log = (message) => process.stderr.write(`${message}\n`)
const round = (value, places = 3) => Number(value.toFixed(places))

function options() {
  const usage = 'usage: npm run bench -- audio [--files N] [--runs N] [--keep]'
  try {
    const { values } = parseArgs({
      options: {
        files: { type: 'string', default: '200' },
        runs: { type: 'string', default: '5' },
        keep: { type: 'boolean', default: false },
      },
    })
    const files = Number(values.files)
    const runs = Number(values.runs)
    if (!Number.isInteger(files) || files < 8) throw new Error('--files must be a whole number of at least 8')
    if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number of at least 1')
    return { files, runs, keep: values.keep }
  } catch (error) {
    log(`bench audio: ${error.message}\n${usage}`)
    process.exit(2)
  }
}

async function main() {
  const { files: wanted, runs, keep } = options()
  if (!existsSync(engineEntry)) {
    log('bench audio: out/main/engine.js is missing. Build first: npm run build')
    process.exit(1)
  }
  const corpusDir = await ensureAudioCorpus(wanted, log)
  const files = await listFiles(corpusDir)
  const bytes = files.reduce((sum, file) => sum + file.size, 0)
  const plan = planAudioCorpus(wanted)
  const hours = plan.reduce((sum, entry) => sum + entry.minutes, 0) / 60
  log(`corpus: ${files.length} files, ${(bytes / MB).toFixed(1)} MB, ${hours.toFixed(1)} hours of audio`)
  for (const { path } of files) await readFile(path)

  const scratch = await mkdtemp(join(tmpdir(), 'castdesk-bench-audio-'))
  try {
    log('castdesk: importing through the engine')
    const castdesk = await measure('import-castdesk.mjs', [corpusDir, join(scratch, 'library')])
    log(`castdesk: ${castdesk.seconds.toFixed(1)} s`)
    log('floor: ffprobe alone')
    const floor = await measure('audio-ffprobe-floor.mjs', [corpusDir, String(CONCURRENCY)])
    log(`floor: ${floor.seconds.toFixed(1)} s`)
    log('copy floor: copy + SHA-256 + ffprobe, what any import must do')
    const copyFloor = await measure('import-floor.mjs', [
      corpusDir,
      join(scratch, 'copy-floor'),
      String(CONCURRENCY),
    ])
    log(`copy floor: ${copyFloor.seconds.toFixed(1)} s`)
    await rm(join(scratch, 'copy-floor'), { recursive: true, force: true })
    log(`chapters: writing into a 60-minute MP3, ${runs} runs each`)
    const base = await ensureBase('mp3', log)
    const write = await measure('audio-write-chapters.mjs', [base, join(scratch, 'chapters'), String(runs)])

    const result = {
      benchmark: 'audio',
      files: files.length,
      bytes,
      hoursOfAudio: round(hours, 1),
      formats: Object.fromEntries(
        ['mp3', 'm4a', 'oga', 'opus'].map((f) => [f, plan.filter((e) => e.format === f).length]),
      ),
      import: {
        castdesk: {
          seconds: round(castdesk.seconds),
          filesPerSecond: round(files.length / castdesk.seconds, 1),
          mbPerSecond: round(bytes / MB / castdesk.seconds, 1),
          peakRssMb: round(castdesk.maxRssKb / 1024, 1),
          imported: castdesk.imported,
          duplicates: castdesk.duplicates,
          errors: castdesk.errors,
        },
        ffprobeFloor: {
          seconds: round(floor.seconds),
          filesPerSecond: round(files.length / floor.seconds, 1),
          concurrency: CONCURRENCY,
        },
        ratio: round(castdesk.seconds / floor.seconds, 2),
        copyHashProbeFloor: {
          seconds: round(copyFloor.seconds),
          filesPerSecond: round(files.length / copyFloor.seconds, 1),
        },
        ratioToCopyHashProbe: round(castdesk.seconds / copyFloor.seconds, 2),
      },
      writeChapters: {
        file: {
          minutes: round(write.durationMs / 60_000, 1),
          mb: round(write.bytes / MB, 1),
          chapters: write.chapters,
        },
        castdeskSeconds: round(write.castdeskMedian),
        bareFfmpegSeconds: round(write.bareMedian),
        ratio: round(write.castdeskMedian / write.bareMedian, 2),
        runs,
      },
      peaks: { firstSeconds: round(write.peaksSeconds), storedSeconds: round(write.peaksAgainSeconds) },
      machine: { cpus: availableParallelism(), node: process.version },
    }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    if (castdesk.errors > 0) process.exitCode = 1
  } finally {
    if (keep) log(`kept: ${scratch}`)
    else await rm(scratch, { recursive: true, force: true })
  }
}

await main()
