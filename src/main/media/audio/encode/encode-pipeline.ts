import type { ChildProcess } from 'node:child_process'
import type { Writable } from 'node:stream'
import { CastdeskError } from '../../../../shared/errors'
import { runFfmpeg } from '../../tools/run-ffmpeg'

export interface PipelineInput {
  ffmpeg: string
  /** The decoding run's arguments; it writes encoder i's audio to `pipe:${3 + i}`. */
  decode: string[]
  /** One run per output, reading float PCM from stdin. */
  encoders: ReadonlyArray<string[]>
  timeoutMs: number
  durationMs: number
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
}

/**
 * Decodes and processes the source once, and encodes every output in its own ffmpeg process at the
 * same time, so the encoders share the cores. The decoder writes straight into each encoder's stdin
 * (an OS pipe: no copy through this process), and the slowest encoder paces it: memory stays
 * bounded. If any process fails, the others are stopped and the first failure is the error.
 */
export async function runEncodePipeline(input: PipelineInput): Promise<void> {
  const stop = new AbortController()
  const onOuter = () => stop.abort()
  input.signal?.addEventListener('abort', onOuter, { once: true })
  if (input.signal?.aborted) stop.abort()
  let failure: unknown = null
  const watch = (run: Promise<string>) =>
    run.catch((error: unknown) => {
      if (failure === null || isCancel(failure)) failure = error
      stop.abort()
    })
  const base = { timeoutMs: input.timeoutMs, durationMs: input.durationMs, signal: stop.signal }
  try {
    const encoders: ChildProcess[] = []
    const runs = input.encoders.map((args) =>
      watch(
        runFfmpeg(input.ffmpeg, args, { ...base, stdin: true, onSpawn: (child) => encoders.push(child) }),
      ),
    )
    const pipes = encoders.flatMap((child) => (child.stdin ? [child.stdin] : []))
    if (pipes.length === input.encoders.length) {
      for (const pipe of pipes) pipe.on('error', () => {})
      runs.push(
        watch(
          runFfmpeg(input.ffmpeg, input.decode, {
            ...base,
            outputPipes: pipes,
            onProgress: input.onProgress,
          }),
        ),
      )
    }
    // The decoder holds the write ends now: an encoder sees the end of its input when the decoder exits.
    for (const pipe of pipes) (pipe as Writable).destroy()
    await Promise.all(runs)
    if (failure !== null) throw failure
    if (input.signal?.aborted)
      throw new CastdeskError('cancelled', 'Stopped on request; nothing was changed.')
  } finally {
    input.signal?.removeEventListener('abort', onOuter)
  }
}

function isCancel(error: unknown): boolean {
  return error instanceof CastdeskError && error.code === 'cancelled'
}
