// The sync benchmark's corpus: 500 files, about 300 MB, in django-cast's layout, made once and
// kept under bench/.corpus/sync-v1 (git-ignored). Contents are pseudo-random (incompressible),
// sizes follow a podcast library: a few episodes, many images and renditions, small documents.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const benchDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const KiB = 1024
const MiB = 1024 * KiB

/** [folder, count, smallest, largest, extension] */
const PLAN = [
  ['cast_audio', 30, 3 * MiB, 5 * MiB, 'mp3'],
  ['cast_videos', 5, 6 * MiB, 9 * MiB, 'mp4'],
  ['original_images', 120, 300 * KiB, 900 * KiB, 'jpg'],
  ['images', 280, 20 * KiB, 240 * KiB, 'avif'],
  ['cast_transcript', 40, 8 * KiB, 80 * KiB, 'vtt'],
  ['cast_files', 25, 50 * KiB, 2 * MiB, 'pdf'],
]

/** A deterministic size in [min, max] for file `i` of a folder. */
function sizeFor(i, min, max) {
  const x = Math.sin((i + 1) * 12.9898) * 43758.5453
  return Math.floor(min + (x - Math.floor(x)) * (max - min))
}

/** Incompressible bytes derived from a seed (SHA-256 in counter mode: fast and repeatable). */
function bytesFor(seed, size) {
  const out = Buffer.allocUnsafe(size)
  const block = createHash('sha256').update(seed).digest()
  let offset = 0
  let counter = 0
  while (offset < size) {
    const chunk = createHash('sha256').update(block).update(String(counter++)).digest()
    // Stretch each digest with a cheap xorshift to keep generation fast for 300 MB.
    let state = chunk.readUInt32LE(0) || 1
    for (let i = 0; i < 4096 && offset < size; i += 4) {
      state ^= state << 13
      state ^= state >>> 17
      state ^= state << 5
      if (offset + 4 <= size) out.writeUInt32LE(state >>> 0, offset)
      else out.fill(state & 0xff, offset, size)
      offset += 4
    }
  }
  return out
}

export async function ensureSyncCorpus(log) {
  const dir = join(benchDir, '.corpus', 'sync-v1', 'files')
  const marker = join(benchDir, '.corpus', 'sync-v1', '.complete')
  if (existsSync(marker)) return dir
  log(`making the sync corpus in ${dir} (once)`)
  for (const [folder, count, min, max, extension] of PLAN) {
    for (let i = 0; i < count; i++) {
      const path = join(
        dir,
        folder,
        `${folder.replace(/^cast_/, '')}-${String(i).padStart(4, '0')}.${extension}`,
      )
      await mkdir(dirname(path), { recursive: true })
      await writeFile(path, bytesFor(`${folder}/${i}`, sizeFor(i, min, max)))
    }
  }
  await writeFile(marker, new Date().toISOString())
  return dir
}
