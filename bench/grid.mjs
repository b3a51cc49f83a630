// Benchmark: the library grid with 100,000 items in headless Chromium (browser mode against
// `castdesk serve`): time to the first painted card, time until every item is listed, and the
// frames of a scripted scroll through the whole grid (longest frame, 95th percentile, frames
// over 50 ms). The floor is the same page's empty frame loop before any scrolling.
// Usage: npm run bench -- grid [--items N] [--seconds S]
// Prints one JSON object on stdout; progress goes to stderr.
import { spawn } from 'node:child_process'
import { availableParallelism, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { chromium } from 'playwright-core'
import { ensureGridLibrary } from './lib/grid-fixture.mjs'
import { ownPeakRssKb } from './lib/peak-rss.mjs'

const benchDir = dirname(fileURLToPath(import.meta.url))
const cli = join(benchDir, '..', 'bin', 'castdesk.js')
const log = (message) => process.stderr.write(`${message}\n`)
const round = (value, places = 1) => Number(value.toFixed(places))

const { values } = parseArgs({
  options: { items: { type: 'string', default: '100000' }, seconds: { type: 'string', default: '8' } },
})
const count = Number(values.items)
const scrollSeconds = Number(values.seconds)

const { dir, user } = await ensureGridLibrary(count, log)
const server = spawn(
  process.execPath,
  [cli, '--library', dir, '--user', user, '--json', 'serve', '--port', '0'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
)
const { url, login } = JSON.parse(
  await new Promise((resolve, reject) => {
    let buffer = ''
    server.stdout.on('data', (chunk) => {
      buffer += chunk
      if (buffer.includes('\n')) resolve(buffer.slice(0, buffer.indexOf('\n')))
    })
    server.once('exit', (code) => reject(new Error(`castdesk serve exited with ${code}`)))
  }),
)

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 860 } })
  await page.goto(login)
  const started = Date.now()
  await page.goto(url)
  await page.locator('[data-testid="media-card"]').first().waitFor({ state: 'visible', timeout: 120_000 })
  const firstCardMs = Date.now() - started
  await page
    .locator('.status-line', { hasText: `${count.toLocaleString('en')} of ${count.toLocaleString('en')}` })
    .or(page.locator('.status-line', { hasText: `${count} of ${count}` }))
    .waitFor({ timeout: 300_000 })
  const allListedMs = Date.now() - started
  const paints = await page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('paint').map((e) => [e.name, e.startTime])),
  )
  // Frames while idle (the floor), then while scrolling from top to bottom in `seconds`.
  const frames = await page.evaluate(async (seconds) => {
    const grid = document.querySelector('.grid-scroll')
    const measure = (ms, step) =>
      new Promise((resolve) => {
        const deltas = []
        let last = performance.now()
        const end = last + ms
        const tick = (now) => {
          deltas.push(now - last)
          last = now
          step?.(now)
          if (now < end) requestAnimationFrame(tick)
          else resolve(deltas)
        }
        requestAnimationFrame(tick)
      })
    const idle = await measure(1000)
    const start = performance.now()
    const total = grid.scrollHeight - grid.clientHeight
    const scrolling = await measure(seconds * 1000, (now) => {
      grid.scrollTop = Math.min(total, ((now - start) / (seconds * 1000)) * total)
    })
    return { idle, scrolling, scrolled: grid.scrollTop, total }
  }, scrollSeconds)
  const stats = (deltas) => {
    const sorted = [...deltas].sort((a, b) => a - b)
    return {
      frames: deltas.length,
      longestMs: round(sorted.at(-1)),
      p95Ms: round(sorted[Math.floor(sorted.length * 0.95)]),
      medianMs: round(sorted[Math.floor(sorted.length / 2)]),
      over50ms: deltas.filter((d) => d > 50).length,
    }
  }
  const cards = await page.locator('[data-testid="media-card"]').count()
  const result = {
    benchmark: 'grid',
    items: count,
    firstCardMs,
    firstContentfulPaintMs: round(paints['first-contentful-paint'] ?? -1),
    allListedMs,
    cardsInDom: cards,
    scroll: { seconds: scrollSeconds, pixels: Math.round(frames.total), ...stats(frames.scrolling) },
    floor: { idle: stats(frames.idle) },
    ratioLongestFrameVsIdle: round(stats(frames.scrolling).longestMs / stats(frames.idle).longestMs, 2),
    benchPeakRssMb: round(ownPeakRssKb() / 1024),
    machine: { cpus: availableParallelism(), load: round(loadavg()[0], 2) },
  }
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
} finally {
  await browser.close()
  server.kill('SIGTERM')
}
