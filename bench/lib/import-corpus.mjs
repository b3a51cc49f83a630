// Builds the import corpus once and caches it: bench/.corpus/import-v1/n<N>/files/.

import { existsSync } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pLimit from 'p-limit'
import { planCorpus } from './corpus-plan.mjs'
import { writeEntry } from './corpus-writers.mjs'

const benchDir = dirname(dirname(fileURLToPath(import.meta.url)))
/** Bump the version when the plan or the writers change, so an old cache is not reused. */
export const CORPUS_ROOT = join(benchDir, '.corpus', 'import-v1')

export function ffmpegPath() {
  return process.env.FFMPEG_PATH || createRequire(import.meta.url)('@ffmpeg-installer/ffmpeg').path
}

/**
 * Makes sure every planned file exists (writing the missing ones, `parallel` at a time, each to a
 * temporary name renamed into place, so an interrupted run resumes) and returns the folder.
 */
export async function ensureCorpus(total, log, parallel = availableParallelism()) {
  const root = join(CORPUS_ROOT, `n${total}`)
  const filesDir = join(root, 'files')
  const workDir = join(root, 'work')
  const resolve = (path) => join(filesDir, path)
  const plan = planCorpus(total)
  const missing = plan.filter((entry) => !existsSync(resolve(entry.path)))
  if (missing.length === 0) return { dir: filesDir, generatedSeconds: 0 }

  log(`corpus: writing ${missing.length} of ${plan.length} files to ${filesDir} (${parallel} at a time)`)
  const started = performance.now()
  await rm(workDir, { recursive: true, force: true })
  await mkdir(workDir, { recursive: true })
  const tools = { ffmpeg: ffmpegPath(), resolve }
  const limit = pLimit(parallel)
  let done = 0
  const write = (entry, n) =>
    limit(async () => {
      const target = resolve(entry.path)
      const temporary = join(workDir, `${n}.part`)
      await mkdir(dirname(target), { recursive: true })
      await writeEntry(entry, temporary, tools)
      await rename(temporary, target)
      if (++done % 50 === 0 || done === missing.length) log(`corpus: ${done}/${missing.length}`)
    })
  // Copies read their originals, so they wait until everything else is written.
  await Promise.all(missing.filter((e) => e.kind !== 'copy').map(write))
  await Promise.all(missing.filter((e) => e.kind === 'copy').map(write))
  await rm(workDir, { recursive: true, force: true })
  const generatedSeconds = (performance.now() - started) / 1000
  log(`corpus: written in ${generatedSeconds.toFixed(1)} s`)
  return { dir: filesDir, generatedSeconds }
}
