// Child process: imports a folder into a fresh library through the engine and reports, as one
// JSON line on stdout, the time, the outcome counts and this process's own peak RSS.
// Usage: node import-castdesk.mjs <corpus-dir> <library-dir>
import { createRequire } from 'node:module'
import { cpuSecondsWithChildren } from './cpu-seconds.mjs'
import { ownPeakRssKb } from './peak-rss.mjs'

const [corpusDir, libraryDir] = process.argv.slice(2)
// CASTDESK_BENCH_ENGINE: another build of the engine (e.g. before a change), for A/B runs.
const engine = process.env.CASTDESK_BENCH_ENGINE ?? '../../out/main/engine.js'
const { Library, actingUser, stopToolRunners } = createRequire(import.meta.url)(engine)

const cpuAtStart = cpuSecondsWithChildren()
const started = performance.now()
const library = await Library.open(libraryDir, { create: true })
const user = actingUser(library, 'bench')
const outcomes = await library.importer.importPaths(user.id, [corpusDir], {
  onProgress: ({ done }) => {
    if (done % 100 === 0) process.stderr.write(`castdesk: ${done} files\n`)
  },
})
library.close()
// The probes run in helper processes: they are waited for, so their CPU time (and ffprobe's) counts.
await stopToolRunners?.()
const seconds = (performance.now() - started) / 1000

const count = (status) => outcomes.filter((outcome) => outcome.status === status).length
const errors = outcomes.filter((outcome) => outcome.status === 'error')
for (const { path, error } of errors.slice(0, 20)) {
  process.stderr.write(`castdesk: error ${path}: [${error?.code}] ${error?.message}\n`)
}
const result = {
  seconds,
  files: outcomes.length,
  imported: count('imported'),
  duplicates: count('duplicate'),
  errors: errors.length,
  maxRssKb: ownPeakRssKb(),
  cpuSeconds: cpuSecondsWithChildren() - cpuAtStart,
}
process.stdout.write(`${JSON.stringify(result)}\n`)
