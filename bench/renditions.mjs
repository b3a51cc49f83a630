// Benchmark: the default gallery renditions (both gallery slots × jpeg + avif, exactly the specs
// Castdesk plans) of 24 camera-size photos, made by Castdesk (one decode per image), by naive sharp
// (one decode per output) and by @11ty/eleventy-img, each in its own process, 2 images at a time;
// and the floor: each output encoded once from pixels already decoded and resized (same settings,
// as many encodes at once as Castdesk's encode slots).
// After one untimed Castdesk run (the work order; it also brings the machine to its speed under
// load), Castdesk and the floor run `--rounds` times each, interleaved around naive and eleventy
// (which run once) as A B … B A, so that a machine whose speed drifts during the bench (this VM's
// floor alone varies ~9 % run to run) slows both sides alike; see castdeskVsFloor below.
// Usage: npm run bench -- renditions [--images N] [--rounds N] [--keep]
//   (--images N ≤ 24: a quicker partial run; --rounds 1: one run each, as before)
// Prints one JSON object on stdout; progress goes to stderr. Sizes in MB are MiB (2^20 bytes).
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import sharp from 'sharp'
import { measure } from './lib/measure-child.mjs'
import { ensureRenditionsCorpus } from './lib/renditions-corpus.mjs'

const benchDir = dirname(fileURLToPath(import.meta.url))
const engineEntry = process.env.CASTDESK_BENCH_ENGINE ?? join(benchDir, '..', 'out', 'main', 'engine.js')
/** The job runner's default concurrency: images rendered at once, by all three. */
const CONCURRENCY = 2
const TARGETS = { vsNaive: 0.75, vsEleventy: 0.6, vsFloor: 1.1, peakRssMb: 600 }
/** Castdesk's encode slots under the pool size measure() sets: cores, at most the pool less one. */
const ENCODE_SLOTS = Math.max(1, Math.min(availableParallelism(), Math.max(4, availableParallelism()) - 1))
const log = (message) => process.stderr.write(`${message}\n`)
const round = (value, places = 3) => Number(value.toFixed(places))
const mb = (kb) => round(kb / 1024, 1)

function options() {
  const usage = 'usage: npm run bench -- renditions [--images N] [--rounds N] [--keep]'
  let parsed
  try {
    parsed = parseArgs({
      options: {
        images: { type: 'string', default: '24' },
        rounds: { type: 'string', default: '2' },
        keep: { type: 'boolean', default: false },
      },
    }).values
  } catch (error) {
    log(`bench renditions: ${error.message}\n${usage}`)
    process.exit(2)
  }
  const images = Number(parsed.images)
  if (!Number.isInteger(images) || images < 1 || images > 24) {
    log(`bench renditions: --images must be a whole number from 1 to 24\n${usage}`)
    process.exit(2)
  }
  const rounds = Number(parsed.rounds)
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 10) {
    log(`bench renditions: --rounds must be a whole number from 1 to 10\n${usage}`)
    process.exit(2)
  }
  return { images, rounds, keep: parsed.keep }
}

/** The width a spec resizes to (`width-987|format-avif` → 987), or null for a format-only spec. */
function specWidth(spec) {
  const match = /(?:^|\|)width-(\d+)(?:\||$)/.exec(spec)
  return match ? Number(match[1]) : null
}

/** Width and height read back from a file, as displayed (EXIF orientation applied). */
async function sizeOf(file) {
  const { width, height, autoOrient } = await sharp(file).metadata()
  return autoOrient ?? { width, height }
}

/** Wagtail's `width-N` (Castdesk's plan): the height is truncated, where sharp rounds it. */
function wagtailSize(source, width) {
  if (!width || width >= source.width) return source
  return { width, height: Math.max(1, Math.trunc((source.height * width) / source.width)) }
}

async function main() {
  const { images, rounds, keep } = options()
  if (!existsSync(engineEntry)) {
    log('bench renditions: out/main/engine.js is missing. Build first: npm run build')
    process.exit(1)
  }
  const corpus = await ensureRenditionsCorpus(log)
  // A partial run takes photos spread over the corpus (landscape, portrait and EXIF-rotated).
  const photos = Array.from({ length: images }, (_, n) => corpus[Math.floor((n * corpus.length) / images)])
  for (const { path } of photos) await readFile(path) // nobody pays for a cold page cache
  // The machine may be shared: a load already there slows every run, so it is reported.
  const loadAtStart = round(loadavg()[0], 2)
  const scratch = await mkdtemp(join(tmpdir(), 'castdesk-bench-renditions-'))
  try {
    const castdeskRuns = []
    const floorRuns = []
    let plan = null
    let planFile = null
    const naiveDir = join(scratch, 'naive')
    const renderWithCastdesk = async (k) => {
      log(`castdesk ${k}: importing ${photos.length} photos, then their gallery renditions`)
      const run = await measure('renditions-castdesk.mjs', [
        join(scratch, `library-${k}`),
        String(CONCURRENCY),
        ...photos.map((photo) => photo.path),
      ])
      log(
        `castdesk ${k}: import ${run.importSeconds.toFixed(1)} s, renditions ${run.seconds.toFixed(1)} s, CPU ${run.cpuSeconds.toFixed(1)} s`,
      )
      return run
    }
    const runCastdesk = async () => castdeskRuns.push(await renderWithCastdesk(castdeskRuns.length + 1))
    const runFloor = async () => {
      const k = floorRuns.length + 1
      log(`floor ${k}: each output encoded once from decoded, resized pixels`)
      const run = await measure('renditions-floor.mjs', [
        planFile,
        join(scratch, 'floor'),
        String(ENCODE_SLOTS),
      ])
      log(`floor ${k}: ${run.seconds.toFixed(1)} s, CPU ${run.cpuSeconds.toFixed(1)} s`)
      floorRuns.push(run)
    }
    const runPeers = async () => {
      log('naive: one decode per output')
      naive = await measure('renditions-naive.mjs', [planFile, String(CONCURRENCY)])
      log(`naive: ${naive.seconds.toFixed(1)} s`)
      log('eleventy: @11ty/eleventy-img')
      eleventy = await measure('renditions-eleventy.mjs', [
        planFile,
        join(scratch, 'eleventy'),
        String(CONCURRENCY),
      ])
      log(`eleventy: ${eleventy.seconds.toFixed(1)} s`)
    }
    let naive = null
    let eleventy = null
    // An untimed Castdesk run first: its plan is everyone's work order, and it brings this virtual
    // machine to the speed it keeps under load (the first run after idle is 4-10 % faster, so with
    // Castdesk first that one run would have it alone). Then A B, B A, A B, …, naive and eleventy in
    // the middle, so that with 2 rounds (A B n e B A) both sides sit symmetrically in time.
    const warmUp = await renderWithCastdesk(0)
    // Castdesk's own plan, as the work order for the others.
    await mkdir(naiveDir)
    plan = warmUp.images.map(({ source, outputs }, n) => ({
      source,
      outputs: outputs.map(({ spec, format }, o) => ({
        spec,
        width: specWidth(spec),
        format,
        file: join(naiveDir, `${n}-${o}.${format}`),
      })),
    }))
    planFile = join(scratch, 'plan.json')
    await writeFile(planFile, JSON.stringify(plan))
    for (let r = 0; r < rounds; r++) {
      const pair = r % 2 === 0 ? [runCastdesk, runFloor] : [runFloor, runCastdesk]
      for (const step of pair) await step()
      if (r + 1 === Math.ceil(rounds / 2)) await runPeers()
    }
    const castdesk = castdeskRuns[0]

    // Every other Castdesk run, the untimed one too, made the same bytes as the first timed one.
    let castdeskRunsIdentical = true
    for (const [k, run] of [warmUp, ...castdeskRuns].entries()) {
      if (run === castdesk) continue
      for (const [n, image] of run.images.entries())
        for (const [o, output] of image.outputs.entries()) {
          const first = castdesk.images[n].outputs[o]
          if (output.spec !== first.spec || !(await readFile(output.file)).equals(await readFile(first.file)))
            castdeskRunsIdentical = false
        }
      if (!keep) await rm(join(scratch, `library-${k}`), { recursive: true, force: true })
    }
    if (!castdeskRunsIdentical) log('error: castdesk runs made different files')

    // Sizes read back from the files both wrote, spec by spec.
    const sizeMismatches = []
    const offPlan = []
    const same = (a, b) => a.width === b.width && a.height === b.height
    for (const [n, image] of castdesk.images.entries()) {
      const source = await sizeOf(image.source)
      for (const [o, output] of image.outputs.entries()) {
        const ours = await sizeOf(output.file)
        const theirs = await sizeOf(plan[n].outputs[o].file)
        const planned = wagtailSize(source, plan[n].outputs[o].width)
        if (!same(ours, planned))
          offPlan.push({ image: basename(image.source), spec: output.spec, ours, planned })
        if (!same(ours, theirs)) {
          const exactHeight = round((source.height * ours.width) / source.width, 2)
          sizeMismatches.push({
            image: basename(image.source),
            spec: output.spec,
            castdesk: ours,
            naive: theirs,
            exactHeight,
          })
        }
      }
    }
    if (offPlan.length)
      log(`error: castdesk sizes differ from its plan: ${JSON.stringify(offPlan.slice(0, 5))}`)
    const eleventyMissing = []
    for (const [n, image] of eleventy.images.entries()) {
      const made = new Set(image.outputs.map((output) => `${output.width} ${output.format}`))
      for (const { width, format } of plan[n].outputs) {
        if (width && !made.has(`${width} ${format}`))
          eleventyMissing.push(`${basename(image.source)} ${width} ${format}`)
      }
    }
    if (eleventyMissing.length) log(`warning: eleventy did not make ${eleventyMissing.join(', ')}`)

    const counts = castdesk.images.map((image) => image.outputs.length)
    const total = counts.reduce((sum, count) => sum + count, 0)
    const sum = (runs, key) => runs.reduce((total, run) => total + run[key], 0)
    const mean = (runs, key) => sum(runs, key) / runs.length
    // Castdesk vs floor from the totals of their runs (equal counts: the ratio of the means). With
    // the runs interleaved A B … B A, a drift of the machine's speed that is linear in time adds
    // the same to both totals; each pair's own ratio is biased by it (one up, one down), and a
    // median of two pair ratios is only their mean. The pair ratios are reported as the spread.
    const castdeskSeconds = mean(castdeskRuns, 'seconds')
    const floorSeconds = mean(floorRuns, 'seconds')
    const castdeskCpu = mean(castdeskRuns, 'cpuSeconds')
    const floorCpu = mean(floorRuns, 'cpuSeconds')
    // The run with the highest peak (engine + rendition process, summed) gives every RSS figure.
    const peakRun = castdeskRuns.reduce((a, b) => (b.maxRssKb > a.maxRssKb ? b : a))
    const result = {
      benchmark: 'renditions',
      images: castdesk.images.length,
      outputsPerImage: counts.every((count) => count === counts[0])
        ? counts[0]
        : round(total / counts.length, 2),
      rounds,
      castdesk: {
        // Means over its runs; each run's figures are in `runs`.
        seconds: round(castdeskSeconds),
        cpuSeconds: round(castdeskCpu, 1),
        importSeconds: round(mean(castdeskRuns, 'importSeconds')),
        // The engine's peak plus the rendition process's peak, in the run where that was highest.
        peakRssMb: mb(peakRun.maxRssKb),
        enginePeakRssMb: mb(peakRun.engineRssKb ?? peakRun.maxRssKb),
        renditionProcessPeakRssMb: mb(peakRun.workerRssKb ?? 0),
        decodes: castdesk.decodes,
        outputs: total,
        runs: castdeskRuns.map((run) => ({
          seconds: round(run.seconds),
          cpuSeconds: round(run.cpuSeconds, 1),
          peakRssMb: mb(run.maxRssKb),
          renditionProcessPeakRssMb: mb(run.workerRssKb ?? 0),
        })),
        runsIdentical: castdeskRunsIdentical,
      },
      naive: {
        seconds: round(naive.seconds),
        cpuSeconds: round(naive.cpuSeconds, 1),
        peakRssMb: mb(naive.maxRssKb),
      },
      floor: {
        seconds: round(floorSeconds),
        cpuSeconds: round(floorCpu, 1),
        encodeSlots: ENCODE_SLOTS,
        outputs: floorRuns[0].outputs,
        // Includes every output's decoded pixels, held at once before the timed encodes.
        peakRssMb: mb(Math.max(...floorRuns.map((run) => run.maxRssKb))),
        runs: floorRuns.map((run) => ({ seconds: round(run.seconds), cpuSeconds: round(run.cpuSeconds, 1) })),
      },
      eleventy: {
        seconds: round(eleventy.seconds),
        cpuSeconds: round(eleventy.cpuSeconds, 1),
        peakRssMb: mb(eleventy.maxRssKb),
        outputs: eleventy.images.reduce((sum, image) => sum + image.outputs.length, 0),
      },
      ratios: {
        castdeskVsNaive: round(castdeskSeconds / naive.seconds, 2),
        castdeskVsEleventy: round(castdeskSeconds / eleventy.seconds, 2),
        castdeskVsFloor: round(castdeskSeconds / floorSeconds, 2),
        // Each A B pair's own ratio, for how much one pair alone would have varied.
        castdeskVsFloorPairs: floorRuns.map((run, k) => round(castdeskRuns[k].seconds / run.seconds, 2)),
      },
      // CPU time spent (user + system): less sensitive than wall time to other load on the machine.
      cpuRatios: {
        castdeskVsNaive: round(castdeskCpu / naive.cpuSeconds, 2),
        castdeskVsEleventy: round(castdeskCpu / eleventy.cpuSeconds, 2),
        castdeskVsFloor: round(castdeskCpu / floorCpu, 2),
      },
      sizesAgree: sizeMismatches.length === 0,
      sizeMismatches,
      // Every Castdesk file has its planned (Wagtail) size: width-N truncates the height.
      castdeskSizesMatchPlan: offPlan.length === 0,
      targets: TARGETS,
      met: {
        vsFloor: castdeskSeconds / floorSeconds <= TARGETS.vsFloor,
        peakRssMb: mb(peakRun.maxRssKb) < TARGETS.peakRssMb,
      },
      machine: {
        cpus: availableParallelism(),
        node: process.version,
        loadAverage: { atStart: loadAtStart, atEnd: round(loadavg()[0], 2) },
      },
    }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    if (offPlan.length || eleventyMissing.length || !castdeskRunsIdentical) process.exitCode = 1
  } finally {
    if (keep) log(`kept ${scratch}`)
    else await rm(scratch, { recursive: true, force: true })
  }
}

await main()
