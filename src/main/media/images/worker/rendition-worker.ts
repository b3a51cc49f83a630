// Entry of the rendition process (out/main/rendition-worker.js): renders what its parent asks
// with the in-process executor and answers over the IPC channel; exits when the parent lets go.
import { readFileSync } from 'node:fs'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import type { default as SharpFactory } from 'sharp'
import { CastdeskError } from '../../../../shared/errors'
import { requireLazily } from '../../../platform/lazy'
import { RenditionExecutor } from '../rendition-executor'
import type { RenderReply, RenderRequest, WorkerOptions } from './rendition-worker-protocol'

const options = JSON.parse(process.argv[2] ?? '{}') as WorkerOptions
const sharp = requireLazily('sharp') as typeof SharpFactory
// sharp picks one thread per image on glibc unless MALLOC_ARENA_MAX is set: keep the parent's choice.
sharp.concurrency(options.libvipsThreads)
// Every pipeline here reads a file or a buffer once: libvips' operation cache would only hold on
// to memory (about 7 MB after a photo's decode).
sharp.cache(false)
const executor = new RenditionExecutor(options)

/**
 * A full garbage collection. A batch's decoded and resized pixels (20+ MB a photo) are Buffers
 * that libvips allocated: only a collection frees them, and V8 starts one late for memory it does
 * not own, so dead batches pile up next to the live encoders. One collection per batch costs a
 * few milliseconds of this process's main thread, which only hands work to libvips' threads.
 */
const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc')
  const gc = runInNewContext('gc') as unknown
  return typeof gc === 'function' ? (gc as () => void) : () => undefined
})()

function peakRssKb(): number {
  try {
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))
    if (match) return Number(match[1])
  } catch {}
  return process.resourceUsage().maxRSS
}

function usage(): { peakRssKb: number; cpuSeconds: number } {
  const { user, system } = process.cpuUsage()
  return { peakRssKb: peakRssKb(), cpuSeconds: (user + system) / 1e6 }
}

async function answer(request: RenderRequest): Promise<RenderReply> {
  try {
    const rendered = await executor.render(request.sourcePath, request.source, request.plans, request.label)
    const outputs = rendered.map(({ data, width, height }) => ({ data, width, height }))
    setImmediate(collectGarbage)
    return { id: request.id, outputs, ...usage() }
  } catch (error) {
    const code = error instanceof CastdeskError ? error.code : 'tool_failed'
    const message = (error as Error).message
    return { id: request.id, error: { code, message }, ...usage() }
  }
}

process.on('message', (request: RenderRequest) => {
  void answer(request).then((reply) => process.send?.(reply))
})
process.on('disconnect', () => process.exit(0))
