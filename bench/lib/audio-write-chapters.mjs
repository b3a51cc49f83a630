// Child process: writing 20 chapters into a 60-minute MP3 through the engine (ffmpeg stream copy, ID3
// links and table of contents, ffprobe read-back, SHA-256, atomic replace) against the bare ffmpeg
// command that does only the stream copy; then the first waveform of the same file. Runs alternate so
// the page cache treats both alike; medians are reported. One JSON line on stdout.
// Usage: node audio-write-chapters.mjs <base.mp3> <scratch-dir> <runs>
import { execFile } from 'node:child_process'
import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { ffmpegPath } from './import-corpus.mjs'

const [base, scratch, runsText] = process.argv.slice(2)
const runs = Number(runsText)
const run = promisify(execFile)
const { Library, actingUser, createDispatcher, createHandlers } = createRequire(import.meta.url)(
  '../../out/main/engine.js',
)

await mkdir(scratch, { recursive: true })
const source = join(scratch, 'sixty-minutes.mp3')
await copyFile(base, source)
const library = await Library.open(join(scratch, 'library'), { create: true })
const call = createDispatcher(createHandlers(library))
const context = { user: actingUser(library, 'bench') }
const [outcome] = await call('media.import', { paths: [source] }, context)
const id = outcome.id
const show = await call('media.show', { id }, context)
const durationMs = show.duration_ms
const chapters = Array.from({ length: 20 }, (_, i) => ({
  start_ms: Math.floor((i * durationMs) / 20),
  title: `Chapter ${i + 1}: a title of ordinary length`,
  link: i % 2 === 0 ? `https://example.org/episode/chapter-${i + 1}` : null,
}))
await call('audio.setChapters', { id, chapters }, context)

const meta = join(scratch, 'chapters.ffmeta')
await writeFile(
  meta,
  `;FFMETADATA1\n${chapters
    .map(
      (c, i) =>
        `[CHAPTER]\nTIMEBASE=1/1000\nSTART=${c.start_ms}\nEND=${chapters[i + 1]?.start_ms ?? durationMs}\ntitle=${c.title}\n`,
    )
    .join('\n')}`,
)
const bareArgs = [
  '-v',
  'error',
  '-nostdin',
  '-y',
  '-i',
  source,
  '-i',
  meta,
  '-map',
  '0:a',
  '-map_metadata',
  '0',
]
bareArgs.push(
  '-map_chapters',
  '1',
  '-c',
  'copy',
  '-id3v2_version',
  '3',
  '-f',
  'mp3',
  join(scratch, 'bare.mp3'),
)

const timed = async (work) => {
  const started = performance.now()
  await work()
  return (performance.now() - started) / 1000
}
const castdesk = []
const bare = []
for (let i = 0; i < runs; i++) {
  castdesk.push(await timed(() => call('audio.writeChapters', { id }, context)))
  bare.push(await timed(() => run(ffmpegPath(), bareArgs)))
}
const peaksSeconds = await timed(() => call('audio.peaks', { id }, context))
const peaksAgainSeconds = await timed(() => call('audio.peaks', { id }, context))
library.close()

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
process.stdout.write(
  `${JSON.stringify({
    bytes: (await stat(source)).size,
    durationMs,
    chapters: chapters.length,
    castdesk,
    bare,
    castdeskMedian: median(castdesk),
    bareMedian: median(bare),
    peaksSeconds,
    peaksAgainSeconds,
  })}\n`,
)
