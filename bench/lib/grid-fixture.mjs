// Builds (once, cached) a library of 100,000 items for the grid benchmark: 40 real photos, a
// text file and an MP3 imported by the engine, then cloned row by row in SQL (images, files and
// audio in turn) with a file of distinct bytes behind every clone (trailing bytes after the
// image's or MP3's end, which decoders ignore), so that every item is a valid, distinct item of
// its owner. Usage: import { ensureGridLibrary } from './grid-fixture.mjs'
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'

const require = createRequire(import.meta.url)
const benchDir = dirname(dirname(fileURLToPath(import.meta.url)))
export const GRID_LIBRARY = join(benchDir, '.corpus', 'grid-v1')
const USER = 'bench'

export async function ensureGridLibrary(count, log) {
  const dir = `${GRID_LIBRARY}-${count}`
  if (existsSync(join(dir, 'ready'))) return { dir, user: USER }
  rmSync(dir, { recursive: true, force: true })
  const building = `${dir}.building`
  rmSync(building, { recursive: true, force: true })
  const seeds = join(building, 'seeds')
  mkdirSync(seeds, { recursive: true })
  log(`grid: making a ${count.toLocaleString('en')}-item library in ${dir}`)
  for (let n = 0; n < 40; n++) {
    const hue = (n * 37) % 360
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600">
      <defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,55%)"/>
      <stop offset="1" stop-color="hsl(${(hue + 80) % 360},60%,30%)"/></linearGradient></defs>
      <rect width="100%" height="100%" fill="url(#g)"/>
      <circle cx="${200 + n * 10}" cy="300" r="${80 + n * 3}" fill="white" fill-opacity="0.3"/></svg>`
    await sharp(Buffer.from(svg))
      .jpeg({ quality: 80 })
      .toFile(join(seeds, `photo-${n}.jpg`))
  }
  writeFileSync(join(seeds, 'notes.txt'), 'Show notes\n')
  const ffmpeg = require('../../out/main/engine.js').resolveTool('ffmpeg', process.env).path
  execFileSync(ffmpeg, [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    'sine=duration=2',
    '-b:a',
    '32k',
    join(seeds, 'ep.mp3'),
  ])

  const { Library, createDispatcher, createHandlers, actingUser } = require('../../out/main/engine.js')
  const libraryDir = join(building, 'library')
  const library = await Library.open(libraryDir, { create: true })
  const call = createDispatcher(createHandlers(library))
  const context = { user: actingUser(library, USER) }
  const outcomes = await call('media.import', { paths: [join(seeds)] }, context)
  if (outcomes.some((o) => o.status !== 'imported')) throw new Error(JSON.stringify(outcomes))
  await library.jobs.stop?.()
  library.close()

  const Database = require('better-sqlite3')
  const db = new Database(join(libraryDir, 'library.sqlite'))
  db.pragma('journal_mode = WAL')
  const seedRows = db
    .prepare(
      `SELECT m.id, m.type, m.title, m.owner_id, b.id AS blob_id, b.storage_key, b.size, b.mime, b.original_name
       FROM media m JOIN blobs b ON b.media_id = m.id AND b.role = 'original' ORDER BY m.id`,
    )
    .all()
  const now = new Date().toISOString()
  const insertMedia = db.prepare(
    'INSERT INTO media (owner_id, type, title, created, modified) VALUES (?, ?, ?, ?, ?)',
  )
  const insertBlob = db.prepare(
    `INSERT INTO blobs (storage_key, size, sha256, mime, owner_id, media_id, role, original_name, created)
     VALUES (?, ?, ?, ?, ?, ?, 'original', ?, ?)`,
  )
  const cloneImage = db.prepare(
    `INSERT INTO images (media_id, blob_id, width, height, format, has_alpha, alt_text)
     SELECT ?, ?, width, height, format, has_alpha, alt_text FROM images WHERE media_id = ?`,
  )
  const cloneFile = db.prepare(
    'INSERT INTO files (media_id, blob_id, mime) SELECT ?, ?, mime FROM files WHERE media_id = ?',
  )
  const cloneAudio = db.prepare(
    'INSERT INTO audios (media_id, subtitle, duration_ms, group_key) SELECT ?, subtitle, duration_ms, ? FROM audios WHERE media_id = ?',
  )
  const addAudioFile = db.prepare("INSERT INTO audio_files (audio_id, format, blob_id) VALUES (?, 'mp3', ?)")
  const media = join(libraryDir, 'media')
  const bytesOf = new Map(seedRows.map((row) => [row.id, readFileSync(join(media, row.storage_key))]))
  const { createHash } = await import('node:crypto')
  const toMake = count - seedRows.length
  const chunk = 5000
  for (let start = 0; start < toMake; start += chunk) {
    db.transaction(() => {
      for (let n = start; n < Math.min(toMake, start + chunk); n++) {
        // 70 % images, 20 % audio, 10 % files, as a podcaster's library might hold.
        const pick = n % 10 < 7 ? 'image' : n % 10 < 9 ? 'audio' : 'file'
        const candidates = seedRows.filter((row) => row.type === pick)
        const seed = candidates[n % candidates.length]
        const bytes = Buffer.concat([bytesOf.get(seed.id), randomBytes(16)])
        const dot = seed.storage_key.lastIndexOf('.')
        const key = `${seed.storage_key.slice(0, dot)}-${n}${seed.storage_key.slice(dot)}`
        mkdirSync(dirname(join(media, key)), { recursive: true })
        writeFileSync(join(media, key), bytes)
        const sha = createHash('sha256').update(bytes).digest('hex')
        const id = Number(
          insertMedia.run(seed.owner_id, pick, `${seed.title} ${n}`, now, now).lastInsertRowid,
        )
        const blob = Number(
          insertBlob.run(key, bytes.length, sha, seed.mime, seed.owner_id, id, seed.original_name, now)
            .lastInsertRowid,
        )
        if (pick === 'image') cloneImage.run(id, blob, seed.id)
        else if (pick === 'file') cloneFile.run(id, blob, seed.id)
        else {
          cloneAudio.run(id, `ep-${n}`, seed.id)
          addAudioFile.run(id, blob)
        }
      }
    })()
    log(`grid: ${Math.min(toMake, start + chunk) + seedRows.length} items`)
  }
  db.close()
  renameSync(libraryDir, join(building, '..', `${dir.split('/').at(-1)}.lib`))
  rmSync(building, { recursive: true, force: true })
  renameSync(`${dir}.lib`, dir)
  writeFileSync(join(dir, 'ready'), now)
  return { dir, user: USER }
}
