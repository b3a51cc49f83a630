// Builds the renditions corpus once and caches it: bench/.corpus/renditions-v2/: 24 camera-size
// JPEGs drawn with sharp (gradients, shapes, blur, cloud texture and film grain), some portrait,
// some stored landscape with EXIF orientation 6 as phones do. Seeded: the same files every time.
import { existsSync } from 'node:fs'
import { mkdir, rename } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pLimit from 'p-limit'
import sharp from 'sharp'
import { seededRandom } from './corpus-plan.mjs'

const benchDir = dirname(dirname(fileURLToPath(import.meta.url)))
/** Bump the version when the sizes or the drawing change, so an old cache is not reused. */
export const RENDITIONS_CORPUS = join(benchDir, '.corpus', 'renditions-v2')

// [stored width, stored height, EXIF orientation]: 14 landscape, 6 portrait, 4 rotated by EXIF.
const SIZES = [
  [4000, 3000, 1],
  [4032, 3024, 1],
  [4608, 3456, 1],
  [5472, 3648, 1],
  [6000, 4000, 1],
  [5184, 3456, 1],
  [4096, 3072, 1],
  [4800, 3200, 1],
  [5000, 3750, 1],
  [4000, 3000, 1],
  [6000, 4000, 1],
  [4624, 3468, 1],
  [5472, 3648, 1],
  [4032, 3024, 1],
  [3000, 4000, 1],
  [3024, 4032, 1],
  [3456, 4608, 1],
  [4000, 6000, 1],
  [3648, 5472, 1],
  [3000, 4000, 1],
  [4000, 3000, 6],
  [4032, 3024, 6],
  [4608, 3456, 6],
  [6000, 4000, 6],
]

export const corpusEntries = () =>
  SIZES.map(([width, height, orientation], n) => ({
    name: `photo-${String(n + 1).padStart(2, '0')}-${width}x${height}${orientation === 1 ? '' : `-exif${orientation}`}.jpg`,
    width,
    height,
    orientation,
    seed: 9000 + n,
  }))

function scene({ width, height, seed }) {
  const random = seededRandom(seed)
  const int = (low, high) => Math.floor(low + random() * (high - low))
  const colour = () => `rgb(${int(20, 236)},${int(20, 236)},${int(20, 236)})`
  const horizon = int(height * 0.45, height * 0.7)
  const shapes = []
  for (let i = 0; i < 36; i++) {
    const x = int(0, width)
    const y = int(0, height)
    const size = int(width / 60, width / 6)
    const style = `fill="${colour()}" fill-opacity="${(0.3 + random() * 0.7).toFixed(2)}"${random() < 0.4 ? ' filter="url(#soft)"' : ''}`
    const kind = i % 3
    if (kind === 0)
      shapes.push(`<ellipse cx="${x}" cy="${y}" rx="${size}" ry="${int(size / 3, size)}" ${style}/>`)
    else if (kind === 1)
      shapes.push(
        `<rect x="${x}" y="${y}" width="${size}" height="${int(size / 2, size * 2)}" transform="rotate(${int(-40, 40)} ${x} ${y})" ${style}/>`,
      )
    else {
      const points = Array.from({ length: 5 }, () => `${x + int(-size, size)},${y + int(-size, size)}`)
      shapes.push(`<polygon points="${points.join(' ')}" ${style}/>`)
    }
  }
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0.3" y2="1"><stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/></linearGradient>
<linearGradient id="ground" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/></linearGradient>
<filter id="soft"><feGaussianBlur stdDeviation="${int(4, 24)}"/></filter></defs>
<rect width="${width}" height="${height}" fill="url(#sky)"/>
<path d="M0 ${horizon} Q ${width / 3} ${horizon - int(0, height / 5)} ${width / 2} ${horizon} T ${width} ${horizon - int(0, height / 8)} V ${height} H 0 Z" fill="url(#ground)"/>
${shapes.join('\n')}
</svg>`,
  )
}

/** Gaussian noise as raw pixels: full size for grain, or tiny and blown up for cloud-like texture. */
async function noise(width, height, sigma, shrink) {
  const small = { width: Math.ceil(width / shrink), height: Math.ceil(height / shrink) }
  let image = sharp({
    create: { ...small, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma } },
  })
  if (shrink > 1)
    image = sharp(await image.raw().toBuffer(), { raw: { ...small, channels: 3 } }).resize(width, height, {
      kernel: 'cubic',
      fit: 'fill',
    })
  return { input: await image.raw().toBuffer(), raw: { width, height, channels: 3 } }
}

async function writePhoto(entry, target) {
  const { width, height } = entry
  const layers = [
    { ...(await noise(width, height, 60, 48)), blend: 'soft-light' },
    { ...(await noise(width, height, 28, 1)), blend: 'soft-light' },
  ]
  // The scene is drawn at a quarter of the size (librsvg's blur is slow at 24 MP) and scaled up,
  // which gives shapes the soft edges of a lens; the grain on top stays pixel-sharp. (Rendered to
  // pixels first: resizing straight from the SVG loader renders it again for every tile.)
  const small = await sharp(scene(entry), { density: 72 / 4 })
    .raw()
    .toBuffer({ resolveWithObject: true })
  const flat = await sharp(small.data, { raw: small.info })
    .resize(width, height, { kernel: 'cubic', fit: 'fill' })
    .composite(layers)
    .flatten()
    .raw()
    .toBuffer({ resolveWithObject: true })
  let image = sharp(flat.data, { raw: flat.info }).removeAlpha()
  if (entry.orientation !== 1) image = image.withMetadata({ orientation: entry.orientation })
  await image.jpeg({ quality: 90, chromaSubsampling: '4:2:0' }).toFile(target)
}

/** Makes sure every file exists (each written to a temporary name, then renamed) and lists them. */
export async function ensureRenditionsCorpus(log, parallel = 2) {
  await mkdir(RENDITIONS_CORPUS, { recursive: true })
  const entries = corpusEntries().map((entry) => ({ ...entry, path: join(RENDITIONS_CORPUS, entry.name) }))
  const missing = entries.filter((entry) => !existsSync(entry.path))
  if (missing.length) {
    log(`corpus: drawing ${missing.length} of ${entries.length} photos into ${RENDITIONS_CORPUS}`)
    const started = performance.now()
    const limit = pLimit(parallel)
    await Promise.all(
      missing.map((entry) =>
        limit(async () => {
          await writePhoto(entry, `${entry.path}.part`)
          await rename(`${entry.path}.part`, entry.path)
        }),
      ),
    )
    log(`corpus: drawn in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  return entries
}
