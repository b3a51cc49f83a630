// Benchmark: video posters. 50 generated videos (H.264 and VP9, landscape and portrait by rotation
// metadata); Castdesk's poster (the `video.poster` operation through the engine: ffmpeg fast seek
// at display size, store, hash, one transaction, old poster removed) against a bare
// `ffmpeg -ss S -i … -frames:v 1 out.jpg` on the same files with the same ffmpeg, in the same run.
// Usage: npm run bench -- posters [--rounds N] [--keep]
// Prints one JSON object on stdout; progress goes to stderr. Each video is done by both sides back
// to back, alternating which goes first; the ratio compares the median round (50 posters) of each.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { availableParallelism, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs, promisify } from 'node:util'
import { ensurePostersCorpus } from './lib/posters-corpus.mjs'

const run = promisify(execFile)
const benchDir = dirname(fileURLToPath(import.meta.url))
const engineEntry = join(benchDir, '..', 'out', 'main', 'engine.js')
const TARGET_RATIO = 1.15
const log = (message) => process.stderr.write(`${message}\n`)

function options() {
  const usage = 'usage: npm run bench -- posters [--rounds N] [--keep]'
  try {
    const { values } = parseArgs({
      options: { rounds: { type: 'string', default: '5' }, keep: { type: 'boolean', default: false } },
    })
    const rounds = Number(values.rounds)
    if (!Number.isInteger(rounds) || rounds < 1)
      throw new Error('--rounds must be a whole number of at least 1')
    return { rounds, keep: values.keep }
  } catch (error) {
    log(`bench posters: ${error.message}\n${usage}`)
    process.exit(2)
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}
const round = (value, places = 3) => Number(value.toFixed(places))

async function timed(work) {
  const started = performance.now()
  await work()
  return (performance.now() - started) / 1000
}

async function main() {
  const { rounds, keep } = options()
  if (!existsSync(engineEntry)) {
    log('bench posters: out/main/engine.js is missing. Build first: npm run build')
    process.exit(1)
  }
  const { Library, createDispatcher, createHandlers, actingUser, resolveTool } = createRequire(
    import.meta.url,
  )(engineEntry)
  const ffmpeg = resolveTool('ffmpeg', process.env).path
  const { dir, plan } = await ensurePostersCorpus(ffmpeg, log)
  const files = plan.map((entry) => ({ ...entry, path: join(dir, entry.file) }))
  for (const file of files) await readFile(file.path) // warm the page cache for both sides

  const scratch = await mkdtemp(join(tmpdir(), 'castdesk-bench-posters-'))
  const library = await Library.open(join(scratch, 'library'), { create: true })
  try {
    const call = createDispatcher(createHandlers(library))
    const context = { user: actingUser(library, 'bench') }
    const imported = await call('media.import', { paths: files.map((f) => f.path) }, context)
    const idOf = new Map(imported.map((o) => [o.path.split('/').at(-1), o.id]))
    const failed = imported.filter((o) => o.status !== 'imported' || o.type !== 'video')
    if (failed.length) throw new Error(`import failed: ${JSON.stringify(failed.slice(0, 3))}`)

    let wrongSize = 0
    const castdeskPoster = async (file) => {
      const made = await call('video.poster', { id: idOf.get(file.file), seconds: file.seconds }, context)
      if (made.poster.width !== file.display.width || made.poster.height !== file.display.height) wrongSize++
    }
    const barePoster = async (file, index) => {
      const output = join(scratch, `bare-${index}.jpg`)
      await run(ffmpeg, [
        '-v',
        'error',
        '-y',
        '-ss',
        String(file.seconds),
        '-i',
        file.path,
        '-frames:v',
        '1',
        output,
      ])
    }

    log('warm-up: one poster each (not measured)')
    await castdeskPoster(files[0])
    await barePoster(files[0], 0)
    wrongSize = 0
    // Each video is done by both sides back to back (alternating which goes first), so a change in
    // the machine's load hits both sides alike; a round is one pass over the 50 videos.
    const castdesk = []
    const bare = []
    for (let r = 0; r < rounds; r++) {
      let castdeskSeconds = 0
      let bareSeconds = 0
      for (const [index, file] of files.entries()) {
        const castdeskFirst = (index + r) % 2 === 0
        for (const side of castdeskFirst ? ['castdesk', 'bare'] : ['bare', 'castdesk']) {
          if (side === 'castdesk') castdeskSeconds += await timed(() => castdeskPoster(file))
          else bareSeconds += await timed(() => barePoster(file, index))
        }
      }
      castdesk.push(castdeskSeconds)
      bare.push(bareSeconds)
      log(
        `round ${r + 1}/${rounds}: castdesk ${castdeskSeconds.toFixed(2)} s, bare ${bareSeconds.toFixed(2)} s`,
      )
    }
    const summary = (passes) => ({
      medianSeconds: round(median(passes)),
      msPerPoster: round((median(passes) / files.length) * 1000, 1),
      perRound: passes.map((s) => round(s)),
    })
    const ratio = round(median(castdesk) / median(bare), 3)
    const result = {
      benchmark: 'posters',
      videos: files.length,
      kinds: Object.fromEntries(
        [...new Set(files.map((f) => f.kind))].map((k) => [k, files.filter((f) => f.kind === k).length]),
      ),
      rounds,
      castdesk: { ...summary(castdesk), postersNotAtDisplaySize: wrongSize },
      bareFfmpeg: { ...summary(bare), command: 'ffmpeg -v error -y -ss S -i IN -frames:v 1 OUT.jpg' },
      ratio,
      ratioPerRound: castdesk.map((c, i) => round(c / bare[i])),
      target: TARGET_RATIO,
      met: ratio <= TARGET_RATIO,
      machine: { cpus: availableParallelism(), node: process.version, ffmpeg },
    }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    if (wrongSize) process.exitCode = 1
  } finally {
    library.close()
    if (keep) log(`kept the library: ${join(scratch, 'library')}`)
    else await rm(scratch, { recursive: true, force: true })
  }
}

await main()
