// Child process: the naive way with the same sharp and the same encoder settings as Castdesk:
// every output decodes its source again (`sharp(file).rotate().resize(...)`), `concurrency`
// images at a time, outputs of one image in turn. Reports one JSON line on stdout.
// Usage: node renditions-naive.mjs <plan.json> <concurrency>
import { readFile } from 'node:fs/promises'
import pLimit from 'p-limit'
import sharp from 'sharp'
import { ownPeakRssKb } from './peak-rss.mjs'

const [planFile, concurrency] = process.argv.slice(2)
/** [{ source, outputs: [{ width (null: keep the size), format, file }] }] */
const plan = JSON.parse(await readFile(planFile, 'utf8'))
const ENCODERS = {
  jpeg: { quality: 76, progressive: true },
  avif: { quality: 61, effort: 3, chromaSubsampling: '4:2:0' },
}

const cpu = process.cpuUsage()
const started = performance.now()
const limit = pLimit(Number(concurrency))
await Promise.all(
  plan.map(({ source, outputs }) =>
    limit(async () => {
      for (const { width, format, file } of outputs) {
        let image = sharp(source).rotate()
        if (width) image = image.resize({ width })
        await image.toColourspace('srgb').toFormat(format, ENCODERS[format]).toFile(file)
      }
    }),
  ),
)
const seconds = (performance.now() - started) / 1000
const { user, system } = process.cpuUsage(cpu)
const cpuSeconds = (user + system) / 1e6
process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds, maxRssKb: ownPeakRssKb() })}\n`)
