import type { SingleBar } from 'cli-progress'
import type { ProgressEvent } from '../../shared/api'
import { requireLazily } from '../platform/lazy'

export interface ProgressReporter {
  update(event: ProgressEvent): void
  stop(): void
}

/** A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, --json). */
export function progressReporter(
  label: string,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressReporter {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined }
  const Bar = (requireLazily('cli-progress') as { SingleBar: typeof SingleBar }).SingleBar
  const bar = new Bar({
    stream,
    format: `${label} [{bar}] {value}/{total} {detail}`,
    barsize: 30,
    hideCursor: true,
    clearOnComplete: false,
  })
  let started = false
  return {
    update(event) {
      const detail = (event.detail ?? '').slice(0, 60)
      if (!started) {
        bar.start(event.total, event.done, { detail })
        started = true
      } else {
        bar.setTotal(event.total)
        bar.update(event.done, { detail })
      }
    },
    stop() {
      if (started) bar.stop()
    },
  }
}
