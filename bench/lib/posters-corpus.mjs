// Builds the posters corpus once and caches it: bench/.corpus/posters-v1/: 50 generated 1280×720
// videos of 8 s at 25 frames per second with a keyframe every 2 s (a common camera/export
// setting), in four kinds: H.264 MP4 landscape, H.264 MP4 portrait by rotation metadata, VP9 WebM
// landscape, VP9 MP4 portrait by rotation metadata. Each has a poster second between 1 and 6.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import pLimit from 'p-limit'

const run = promisify(execFile)
const benchDir = dirname(dirname(fileURLToPath(import.meta.url)))
/** Bump the version when the plan changes, so an old cache is not reused. */
export const POSTERS_CORPUS = join(benchDir, '.corpus', 'posters-v1')

const KINDS = [
  { name: 'h264-landscape', codec: 'h264', ext: 'mp4', rotate: 0, display: [1280, 720] },
  { name: 'h264-portrait', codec: 'h264', ext: 'mp4', rotate: 90, display: [720, 1280] },
  { name: 'vp9-landscape', codec: 'vp9', ext: 'webm', rotate: 0, display: [1280, 720] },
  { name: 'vp9-portrait', codec: 'vp9', ext: 'mp4', rotate: 90, display: [720, 1280] },
]

const CODEC_ARGS = {
  h264: ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23'],
  vp9: ['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '1500k'],
}

/** The 50 videos: file name, kind, display size and poster second. */
export function planPosters(count = 50) {
  return Array.from({ length: count }, (_, i) => {
    const kind = KINDS[i % KINDS.length]
    return {
      file: `${String(i).padStart(2, '0')}-${kind.name}.${kind.ext}`,
      kind: kind.name,
      codec: kind.codec,
      ext: kind.ext,
      rotate: kind.rotate,
      display: { width: kind.display[0], height: kind.display[1] },
      seconds: 1 + (i % 6),
    }
  })
}

async function writeVideo(ffmpeg, entry, target, workDir, index) {
  const encoded = join(workDir, `${index}-encoded.${entry.ext}`)
  // A moving test pattern with film grain: every frame differs, as in camera footage.
  const source = `testsrc2=size=1280x720:rate=25,noise=alls=${8 + (index % 5) * 4}:allf=t+u,hue=h=${index * 7}`
  await run(ffmpeg, [
    ...['-v', 'error', '-nostdin', '-y', '-f', 'lavfi', '-i', source, '-t', '8'],
    ...CODEC_ARGS[entry.codec],
    ...['-g', '50', '-pix_fmt', 'yuv420p', encoded],
  ])
  if (entry.rotate) {
    const rotated = join(workDir, `${index}-rotated.${entry.ext}`)
    await run(ffmpeg, [
      ...['-v', 'error', '-nostdin', '-y', '-i', encoded, '-c', 'copy'],
      ...['-metadata:s:v:0', `rotate=${entry.rotate}`, rotated],
    ])
    await rename(rotated, target)
  } else {
    await rename(encoded, target)
  }
}

/** Writes the missing videos (each to a temporary name renamed into place) and returns the folder. */
export async function ensurePostersCorpus(ffmpeg, log, parallel = availableParallelism()) {
  const dir = join(POSTERS_CORPUS, 'files')
  const workDir = join(POSTERS_CORPUS, 'work')
  const plan = planPosters()
  const missing = plan
    .map((entry, index) => ({ entry, index }))
    .filter(({ entry }) => !existsSync(join(dir, entry.file)))
  if (missing.length) {
    log(`corpus: writing ${missing.length} of ${plan.length} videos to ${dir}`)
    const started = performance.now()
    await rm(workDir, { recursive: true, force: true })
    await mkdir(workDir, { recursive: true })
    await mkdir(dir, { recursive: true })
    const limit = pLimit(parallel)
    await Promise.all(
      missing.map(({ entry, index }) =>
        limit(() => writeVideo(ffmpeg, entry, join(dir, entry.file), workDir, index)),
      ),
    )
    await rm(workDir, { recursive: true, force: true })
    log(`corpus: written in ${((performance.now() - started) / 1000).toFixed(1)} s`)
  }
  return { dir, plan }
}
