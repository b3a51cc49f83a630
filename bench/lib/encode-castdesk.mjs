// Child process: `audio.encode` of a master to mp3+m4a+opus through the engine (the master's loudness
// measured inside the call, as it is when no import job measured it first). Reports the call's wall
// time and CPU seconds (this process and the ffmpeg processes it waited for). One JSON line on stdout.
// Usage: node encode-castdesk.mjs <master.wav> <scratch-dir>
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { ownPeakRssKb } from './peak-rss.mjs'

const [master, scratch] = process.argv.slice(2)
const { Library, actingUser, createDispatcher, createHandlers } = createRequire(import.meta.url)(
  '../../out/main/engine.js',
)

/** CPU seconds of waited-for children (ffmpeg), from /proc/self/stat (cutime + cstime, in ticks). */
function childrenCpu() {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ')
  return (Number(fields[13]) + Number(fields[14])) / 100
}

const library = await Library.open(join(scratch, 'library'), { create: true })
const call = createDispatcher(createHandlers(library))
const context = { user: actingUser(library, 'bench') }
const [outcome] = await call('media.import', { paths: [master] }, context)
const started = performance.now()
const cpu = process.cpuUsage()
const children = childrenCpu()
const result = await call('audio.encode', { id: outcome.id, formats: ['mp3', 'm4a', 'opus'] }, context)
const seconds = (performance.now() - started) / 1000
const own = process.cpuUsage(cpu)
const cpuSeconds = (own.user + own.system) / 1e6 + (childrenCpu() - children)
library.close()
process.stdout.write(
  `${JSON.stringify({
    seconds,
    cpuSeconds,
    peakRssMb: ownPeakRssKb() / 1024,
    method: result.method,
    files: result.files.map((f) => ({
      format: f.format,
      lufs: f.loudness.integrated_lufs,
      tp: f.loudness.true_peak_dbtp,
    })),
  })}\n`,
)
