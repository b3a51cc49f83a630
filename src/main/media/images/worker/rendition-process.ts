import type { ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { default as SharpFactory } from 'sharp'
import { CastdeskError, type ErrorCode } from '../../../../shared/errors'
import { childProcess } from '../../../platform/builtins'
import { requireLazily } from '../../../platform/lazy'
import type { RenditionPlan } from '../geometry'
import type { RenderedRendition, RenditionRenderer } from '../rendition-executor'
import type { RenderReply, RenderRequest, WorkerOptions } from './rendition-worker-protocol'

/** How long an idle rendition process is kept before it exits and gives its memory back. */
const IDLE_MS = 15_000

/**
 * Renders in a child process that runs the sharp executor (out/main/rendition-worker.js), started
 * on first use and ended when idle. The child's environment tunes glibc's allocator
 * (`renditionProcessEnv`): libvips' and libaom's threads otherwise fragment it into arenas that
 * keep hundreds of MB after big decodes and AVIF encodes. That can only be set before a process
 * starts, and an idle exit returns all of it to the system.
 */
export class RenditionProcess implements RenditionRenderer {
  decodes = 0
  encodes = 0
  /** The child's peak resident set size in KiB over every run so far (0 before the first). */
  peakRssKb = 0
  /** CPU seconds the rendition processes have used, as last reported. */
  cpuSeconds = 0
  private childCpuSeconds = 0
  private child: ChildProcess | null = null
  private nextId = 1
  private readonly pending = new Map<
    number,
    { resolve: (reply: RenderReply) => void; reject: (error: Error) => void }
  >()
  private idleTimer: NodeJS.Timeout | null = null

  constructor(
    private readonly script: string,
    private readonly options: Omit<WorkerOptions, 'libvipsThreads'>,
  ) {}

  async render(
    sourcePath: string,
    source: { width: number; height: number },
    plans: readonly RenditionPlan[],
    label: string,
  ): Promise<RenderedRendition[]> {
    if (plans.length === 0) return []
    const request: RenderRequest = {
      id: this.nextId++,
      sourcePath,
      source: { width: source.width, height: source.height },
      plans: [...plans],
      label,
    }
    const reply = await this.ask(request)
    this.peakRssKb = Math.max(this.peakRssKb, reply.peakRssKb)
    this.cpuSeconds += Math.max(0, reply.cpuSeconds - this.childCpuSeconds)
    this.childCpuSeconds = reply.cpuSeconds
    if (reply.error) throw new CastdeskError(reply.error.code as ErrorCode, reply.error.message)
    // The child's executor decodes a batch once and encodes each output once.
    this.decodes++
    this.encodes += plans.length
    return (reply.outputs ?? []).map((output, index) => ({
      plan: plans[index] as RenditionPlan,
      data: Buffer.from(output.data.buffer, output.data.byteOffset, output.data.byteLength),
      width: output.width,
      height: output.height,
    }))
  }

  /** Ends the child now; renders still waiting fail. */
  close(): void {
    this.stopIdleTimer()
    this.child?.kill()
    this.child = null
  }

  private ask(request: RenderRequest): Promise<RenderReply> {
    const child = this.running()
    this.stopIdleTimer()
    child.channel?.ref()
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject })
      child.send(request, (error) => {
        if (error) this.settle(request.id, error)
      })
    })
  }

  private running(): ChildProcess {
    if (this.child) return this.child
    const libvipsThreads = (requireLazily('sharp') as typeof SharpFactory).concurrency()
    const options: WorkerOptions = { ...this.options, libvipsThreads }
    const child = childProcess().fork(this.script, [JSON.stringify(options)], {
      env: renditionProcessEnv(process.env),
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    this.childCpuSeconds = 0
    child.unref()
    child.on('message', (reply: RenderReply) => this.settle(reply.id, reply))
    child.on('exit', (code, signal) => {
      if (this.child === child) this.child = null
      const reason = signal ? `was stopped (${signal})` : `exited (code ${code})`
      for (const id of [...this.pending.keys()])
        this.settle(
          id,
          new CastdeskError(
            'tool_failed',
            `The image rendering process ${reason} before it finished. Try again; if it keeps failing, the image may be too large for this computer's memory.`,
          ),
        )
    })
    child.on('error', () => undefined) // reported through 'exit' or the send callback
    this.child = child
    return child
  }

  private settle(id: number, outcome: RenderReply | Error): void {
    const waiting = this.pending.get(id)
    if (!waiting) return
    this.pending.delete(id)
    if (outcome instanceof Error) waiting.reject(outcome)
    else waiting.resolve(outcome)
    if (this.pending.size === 0) this.idle()
  }

  private idle(): void {
    const child = this.child
    if (!child) return
    child.channel?.unref()
    this.idleTimer = setTimeout(() => {
      if (this.pending.size === 0 && this.child === child) {
        this.child = null
        child.disconnect()
      }
    }, IDLE_MS)
    this.idleTimer.unref()
  }

  private stopIdleTimer(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer)
    this.idleTimer = null
  }
}

/**
 * The rendition process's environment: the parent's, with glibc's allocator tuned for big pixel
 * buffers (other C libraries ignore these variables).
 * - MALLOC_ARENA_MAX=2, as sharp advises on glibc.
 * - A fixed 1 MiB mmap threshold: buffers of 1 MiB and more (decoded pixels, libaom's frames) are
 *   mapped on their own and unmapped when freed, instead of staying in an arena.
 * - glibc.malloc.hugetlb=1: those mappings are backed by transparent huge pages where the system
 *   offers them on request (THP "madvise"), so an encoder's fresh 100+ MB costs a few hundred page
 *   faults instead of tens of thousands (about 5 % of the CPU time of a gallery's renditions).
 *   Added to tunables the user already set; glibc before 2.35 ignores it.
 */
export function renditionProcessEnv(parent: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const tunables = parent.GLIBC_TUNABLES?.split(':').filter(Boolean) ?? []
  if (!tunables.some((tunable) => tunable.startsWith('glibc.malloc.hugetlb=')))
    tunables.push('glibc.malloc.hugetlb=1')
  return {
    ...parent,
    MALLOC_ARENA_MAX: '2',
    MALLOC_MMAP_THRESHOLD_: '1048576',
    GLIBC_TUNABLES: tunables.join(':'),
    // Electron's binary runs the script as plain Node.
    ELECTRON_RUN_AS_NODE: '1',
  }
}

/** The built worker script next to the engine's bundle, or null when running from source (tests). */
export function renditionWorkerScript(bundleDir: string): string | null {
  for (const candidate of [
    join(bundleDir, 'rendition-worker.js'),
    join(bundleDir, '..', 'rendition-worker.js'),
  ])
    if (existsSync(candidate)) return candidate
  return null
}
