// Child process: @11ty/eleventy-img (with its own sharp) making the same widths and formats per
// image, `concurrency` images at a time, no cache. Reports one JSON line on stdout with the
// files it wrote for each image.
// Usage: node renditions-eleventy.mjs <plan.json> <output-dir> <concurrency>
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { ownPeakRssKb } from './peak-rss.mjs'

const [planFile, outputDir, concurrency] = process.argv.slice(2)
const Image = createRequire(import.meta.url)('@11ty/eleventy-img')
/** [{ source, outputs: [{ width, format }] }] */
const plan = JSON.parse(await readFile(planFile, 'utf8'))
Image.concurrency = Number(concurrency)

const cpu = process.cpuUsage()
const started = performance.now()
const results = await Promise.all(
  plan.map(({ source, outputs }) =>
    Image(source, {
      widths: [...new Set(outputs.map((output) => output.width ?? 'auto'))],
      formats: [...new Set(outputs.map((output) => output.format))],
      outputDir,
      useCache: false,
      sharpJpegOptions: { quality: 76, progressive: true },
      sharpAvifOptions: { quality: 61, effort: 3, chromaSubsampling: '4:2:0' },
    }),
  ),
)
const seconds = (performance.now() - started) / 1000
const { user, system } = process.cpuUsage(cpu)
const cpuSeconds = (user + system) / 1e6
const images = results.map((formats, n) => ({
  source: plan[n].source,
  outputs: Object.values(formats)
    .flat()
    .map(({ format, width, outputPath }) => ({ format, width, file: outputPath })),
}))
process.stdout.write(`${JSON.stringify({ seconds, cpuSeconds, maxRssKb: ownPeakRssKb(), images })}\n`)
