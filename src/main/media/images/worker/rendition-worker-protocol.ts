import type { RenditionPlan } from '../geometry'

/** What the rendition process is asked: one source, every output of it. */
export interface RenderRequest {
  id: number
  sourcePath: string
  source: { width: number; height: number }
  plans: RenditionPlan[]
  label: string
}

export interface RenderReply {
  id: number
  /** In the order of the request's plans. */
  outputs?: { data: Uint8Array; width: number; height: number }[]
  error?: { code: string; message: string }
  /** The process's own peak resident set size so far, in KiB. */
  peakRssKb: number
  /** CPU time the process has used so far (user + system), in seconds. */
  cpuSeconds: number
}

export interface WorkerOptions {
  avifEffort: number
  encodeSlots?: number
  /** libvips threads per image: the parent's sharp.concurrency(), which MALLOC_ARENA_MAX would change. */
  libvipsThreads: number
}
