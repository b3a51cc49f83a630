// Child process: imports a podcast feed into a library through the engine (podcast.import) and
// reports, as one JSON line on stdout, the time, the item counts, bytes downloaded and peak RSS.
// Usage: node feed-castdesk.mjs <feed-url> <library-dir>
import { createRequire } from 'node:module'
import { ownPeakRssKb } from './peak-rss.mjs'

const [feedUrl, libraryDir] = process.argv.slice(2)
const { Library, actingUser, createDispatcher, createHandlers } = createRequire(import.meta.url)(
  '../../out/main/engine.js',
)

const started = performance.now()
const library = await Library.open(libraryDir, { create: true })
const call = createDispatcher(createHandlers(library))
const user = actingUser(library, 'bench')
const report = await call(
  'podcast.import',
  { feed: feedUrl },
  {
    user,
    onProgress: ({ done, total }) => {
      if (done % 20 === 0) process.stderr.write(`castdesk: ${done}/${total} episodes\n`)
    },
  },
)
library.close()
const seconds = (performance.now() - started) / 1000
for (const item of report.items.filter((i) => i.errors.length).slice(0, 10))
  process.stderr.write(`castdesk: ${item.title}: ${item.errors.map((e) => e.message).join('; ')}\n`)
const count = (action) => report.items.filter((item) => item.action === action).length
process.stdout.write(
  `${JSON.stringify({
    seconds,
    items: report.items.length,
    new: count('new'),
    unchanged: count('unchanged'),
    failed: report.failed,
    downloadedBytes: report.downloaded_bytes,
    maxRssKb: ownPeakRssKb(),
  })}\n`,
)
