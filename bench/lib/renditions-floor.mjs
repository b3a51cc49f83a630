// Child process: the floor of renditions. Every output's pixels are decoded, oriented, converted
// to sRGB and resized to their planned (Wagtail) size first, untimed; then each output is encoded
// once from those pixels with Castdesk's encoder settings, `slots` encodes at a time (Castdesk's
// encode slots), written to a file. Reports one JSON line on stdout.
// Usage: node renditions-floor.mjs <plan.json> <output-dir> <slots>
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import pLimit from 'p-limit'
import sharp from 'sharp'
import { ownPeakRssKb } from './peak-rss.mjs'

const [planFile, outputDir, slots] = process.argv.slice(2)
/** [{ source, outputs: [{ width (null: keep the size), format }] }] */
const plan = JSON.parse(await readFile(planFile, 'utf8'))
const ENCODERS = {
  jpeg: { quality: 76, progressive: true },
  avif: { quality: 61, effort: 3, chromaSubsampling: '4:2:0' },
}
await mkdir(outputDir, { recursive: true })

// Untimed: the pixels of every output, as the encoder gets them (made once per size, shared by
// its formats, as Castdesk shares them).
const pixels = []
for (const [n, { source, outputs }] of plan.entries()) {
  const { autoOrient, width: w, height: h } = await sharp(source).metadata()
  const size = autoOrient ?? { width: w, height: h }
  const bySize = new Map()
  for (const [o, { width, format }] of outputs.entries()) {
    if (!bySize.has(width)) {
      let image = sharp(source).rotate()
      if (width && width < size.width) {
        const height = Math.max(1, Math.trunc((size.height * width) / size.width))
        image = image.resize(width, height, { fit: 'fill' })
      }
      bySize.set(width, await image.toColourspace('srgb').raw().toBuffer({ resolveWithObject: true }))
    }
    const { data, info } = bySize.get(width)
    pixels.push({ data, info, format, file: join(outputDir, `${n}-${o}.${format}`) })
  }
}
// Largest first, as Castdesk orders its encodes.
pixels.sort((a, b) => b.info.width * b.info.height - a.info.width * a.info.height)

const cpu = process.cpuUsage()
const started = performance.now()
const limit = pLimit(Number(slots))
await Promise.all(
  pixels.map(({ data, info, format, file }) =>
    limit(async () => {
      const raw = { width: info.width, height: info.height, channels: info.channels }
      await writeFile(file, await sharp(data, { raw }).toFormat(format, ENCODERS[format]).toBuffer())
    }),
  ),
)
const seconds = (performance.now() - started) / 1000
const { user, system } = process.cpuUsage(cpu)
const cpuSeconds = (user + system) / 1e6
process.stdout.write(
  `${JSON.stringify({ seconds, cpuSeconds, outputs: pixels.length, maxRssKb: ownPeakRssKb() })}\n`,
)
