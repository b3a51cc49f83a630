// Benchmark: the default gallery renditions (both gallery slots × jpeg + avif, exactly the specs
// Castdesk plans) of 24 camera-size photos, made by Castdesk (one decode per image), by naive sharp
// (one decode per output) and by @11ty/eleventy-img, each in its own process, 2 images at a time;
// and the floor: each output encoded once from pixels already decoded and resized (same settings,
// as many encodes at once as Castdesk's encode slots).
// Usage: npm run bench -- renditions [--images N] [--keep]   (N ≤ 24: a quicker partial run)
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
  const usage = 'usage: npm run bench -- renditions [--images N] [--keep]'
  let parsed
  try {
    parsed = parseArgs({
      options: { images: { type: 'string', default: '24' }, keep: { type: 'boolean', default: false } },
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
  return { images, keep: parsed.keep }
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
  const { images, keep } = options()
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
    log(`castdesk: importing ${photos.length} photos, then their gallery renditions`)
    const castdesk = await measure('renditions-castdesk.mjs', [
      join(scratch, 'library'),
      String(CONCURRENCY),
      ...photos.map((photo) => photo.path),
    ])
    log(
      `castdesk: import ${castdesk.importSeconds.toFixed(1)} s, renditions ${castdesk.seconds.toFixed(1)} s`,
    )

    // Castdesk's own plan, as the work order for the other two.
    const naiveDir = join(scratch, 'naive')
    await mkdir(naiveDir)
    const plan = castdesk.images.map(({ source, outputs }, n) => ({
      source,
      outputs: outputs.map(({ spec, format }, o) => ({
        spec,
        width: specWidth(spec),
        format,
        file: join(naiveDir, `${n}-${o}.${format}`),
      })),
    }))
    const planFile = join(scratch, 'plan.json')
    await writeFile(planFile, JSON.stringify(plan))

    log('naive: one decode per output')
    const naive = await measure('renditions-naive.mjs', [planFile, String(CONCURRENCY)])
    log(`naive: ${naive.seconds.toFixed(1)} s`)
    log('floor: each output encoded once from decoded, resized pixels')
    const floor = await measure('renditions-floor.mjs', [
      planFile,
      join(scratch, 'floor'),
      String(ENCODE_SLOTS),
    ])
    log(`floor: ${floor.seconds.toFixed(1)} s`)
    log('eleventy: @11ty/eleventy-img')
    const eleventy = await measure('renditions-eleventy.mjs', [
      planFile,
      join(scratch, 'eleventy'),
      String(CONCURRENCY),
    ])
    log(`eleventy: ${eleventy.seconds.toFixed(1)} s`)

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
    const result = {
      benchmark: 'renditions',
      images: castdesk.images.length,
      outputsPerImage: counts.every((count) => count === counts[0])
        ? counts[0]
        : round(total / counts.length, 2),
      castdesk: {
        seconds: round(castdesk.seconds),
        cpuSeconds: round(castdesk.cpuSeconds, 1),
        importSeconds: round(castdesk.importSeconds),
        // The engine's peak plus the rendition process's peak.
        peakRssMb: mb(castdesk.maxRssKb),
        enginePeakRssMb: mb(castdesk.engineRssKb ?? castdesk.maxRssKb),
        renditionProcessPeakRssMb: mb(castdesk.workerRssKb ?? 0),
        decodes: castdesk.decodes,
        outputs: total,
      },
      naive: {
        seconds: round(naive.seconds),
        cpuSeconds: round(naive.cpuSeconds, 1),
        peakRssMb: mb(naive.maxRssKb),
      },
      floor: {
        seconds: round(floor.seconds),
        cpuSeconds: round(floor.cpuSeconds, 1),
        encodeSlots: ENCODE_SLOTS,
        outputs: floor.outputs,
        // Includes every output's decoded pixels, held at once before the timed encodes.
        peakRssMb: mb(floor.maxRssKb),
      },
      eleventy: {
        seconds: round(eleventy.seconds),
        cpuSeconds: round(eleventy.cpuSeconds, 1),
        peakRssMb: mb(eleventy.maxRssKb),
        outputs: eleventy.images.reduce((sum, image) => sum + image.outputs.length, 0),
      },
      ratios: {
        castdeskVsNaive: round(castdesk.seconds / naive.seconds, 2),
        castdeskVsEleventy: round(castdesk.seconds / eleventy.seconds, 2),
        castdeskVsFloor: round(castdesk.seconds / floor.seconds, 2),
      },
      // CPU time spent (user + system): less sensitive than wall time to other load on the machine.
      cpuRatios: {
        castdeskVsNaive: round(castdesk.cpuSeconds / naive.cpuSeconds, 2),
        castdeskVsEleventy: round(castdesk.cpuSeconds / eleventy.cpuSeconds, 2),
        castdeskVsFloor: round(castdesk.cpuSeconds / floor.cpuSeconds, 2),
      },
      sizesAgree: sizeMismatches.length === 0,
      sizeMismatches,
      // Every Castdesk file has its planned (Wagtail) size: width-N truncates the height.
      castdeskSizesMatchPlan: offPlan.length === 0,
      targets: TARGETS,
      met: {
        vsFloor: castdesk.seconds / floor.seconds <= TARGETS.vsFloor,
        peakRssMb: mb(castdesk.maxRssKb) < TARGETS.peakRssMb,
      },
      machine: {
        cpus: availableParallelism(),
        node: process.version,
        loadAverage: { atStart: loadAtStart, atEnd: round(loadavg()[0], 2) },
      },
    }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    if (offPlan.length || eleventyMissing.length) process.exitCode = 1
  } finally {
    if (keep) log(`kept ${scratch}`)
    else await rm(scratch, { recursive: true, force: true })
  }
}

await main()
