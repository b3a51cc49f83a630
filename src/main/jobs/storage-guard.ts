import type { JobHandler, JobHandlers, JobKind } from './job-kinds'

/** The jobs that write into the default storage (renditions, posters, audio files and figures). */
export const WRITING_JOB_KINDS: readonly JobKind[] = [
  'image.renditions',
  'video.poster',
  'audio.peaks',
  'audio.loudness',
  'audio.encode',
]

/** How long one identity check of the default storage answers for the jobs that follow it. */
export const STORAGE_CHECK_MS = 5000

/**
 * `check`, asked at most once per `ttlMs` while it passes: a queue of a thousand renditions probes
 * the storage a few times, not a thousand. A refusal is not remembered, so the first job after
 * the disk is back runs.
 */
export function cachedCheck(
  check: () => Promise<void>,
  nowMs: () => number,
  ttlMs = STORAGE_CHECK_MS,
): () => Promise<void> {
  let passedAt: number | null = null
  let running: Promise<void> | null = null
  return async () => {
    const now = nowMs()
    if (passedAt !== null && now - passedAt < ttlMs && now >= passedAt) return
    running ??= check()
      .then(() => {
        passedAt = nowMs()
      })
      .finally(() => {
        running = null
      })
    await running
  }
}

/**
 * The handlers, each writing job first making sure the default storage is this library's
 * (`check` throws storage_missing / storage_unmarked / storage_foreign): a job never creates
 * anything on a disk that is not connected, an empty mount point or another library's folder.
 * The refused job fails with the storage's code and can be retried (`castdesk jobs --retry ID`).
 */
export function guardStorageWrites(handlers: JobHandlers, check: () => Promise<void>): JobHandlers {
  const guarded = { ...handlers } as Record<JobKind, JobHandler<JobKind>>
  for (const kind of WRITING_JOB_KINDS) {
    const handler = handlers[kind] as JobHandler<JobKind>
    guarded[kind] = async (payload, context) => {
      await check()
      return handler(payload, context)
    }
  }
  return guarded as JobHandlers
}
