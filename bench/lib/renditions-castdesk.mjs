// Child process: imports the photos into a fresh library, then asks for every image's gallery
// picture (all planned renditions), `concurrency` images at a time as the job runner does.
// Reports one JSON line on stdout: import and rendition times, peak RSS, and per image the
// planned specs with the stored file of each (sizes are read back by the parent).
// Usage: node renditions-castdesk.mjs <library-dir> <concurrency> <photo>...
import { createRequire } from 'node:module'
import pLimit from 'p-limit'
import { ownPeakRssKb } from './peak-rss.mjs'

const [libraryDir, concurrency, ...photos] = process.argv.slice(2)
// CASTDESK_BENCH_ENGINE: another build of the engine (e.g. before a change), for A/B runs.
const engine = process.env.CASTDESK_BENCH_ENGINE ?? '../../out/main/engine.js'
const { Library, createDispatcher, createHandlers, actingUser } = createRequire(import.meta.url)(engine)

const library = await Library.open(libraryDir, { create: true })
const call = createDispatcher(createHandlers(library))
const context = { user: actingUser(library, 'bench') }

let started = performance.now()
const outcomes = await call('media.import', { paths: photos }, context)
const importSeconds = (performance.now() - started) / 1000
const failed = outcomes.filter((outcome) => outcome.status !== 'imported')
if (failed.length) throw new Error(`import failed: ${JSON.stringify(failed.slice(0, 3))}`)

const decodesBefore = library.imaging.executor.decodes
const limit = pLimit(Number(concurrency))
const cpu = process.cpuUsage()
started = performance.now()
const pictures = await Promise.all(
  outcomes.map((outcome) =>
    limit(() => call('images.picture', { id: outcome.id, slot: 'gallery' }, context)),
  ),
)
const seconds = (performance.now() - started) / 1000
const { user, system } = process.cpuUsage(cpu)
// The rendition process's CPU time counts too (it starts with the first rendition).
const cpuSeconds = (user + system) / 1e6 + (library.imaging.executor.cpuSeconds ?? 0)
const decodes = library.imaging.executor.decodes - decodesBefore
const encodes = library.imaging.executor.encodes
// Castdesk renders in a child process (the rendition process): both peaks count, summed (an upper
// bound of their combined peak).
const engineRssKb = ownPeakRssKb()
const workerRssKb = library.imaging.executor.peakRssKb ?? 0
const maxRssKb = engineRssKb + workerRssKb

// Not timed: where each planned rendition was stored (already made, so nothing is rendered).
const images = []
for (const [n, outcome] of outcomes.entries()) {
  const outputs = []
  for (const spec of pictures[n].specs) {
    const stored = await call('images.rendition', { id: outcome.id, spec }, context)
    outputs.push({ spec, format: stored.format, file: stored.path })
  }
  images.push({ source: outcome.path, outputs })
}
library.close()
process.stdout.write(
  `${JSON.stringify({ importSeconds, seconds, cpuSeconds, maxRssKb, engineRssKb, workerRssKb, decodes, encodes, images })}\n`,
)
