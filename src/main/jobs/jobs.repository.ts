import type { JobInfo } from '../../shared/media'
import type { Db } from '../library/database'
import type { JobKind, JobPayloads } from './job-kinds'

interface JobRow {
  id: number
  kind: string
  payload: string
  state: JobInfo['state']
  attempts: number
  max_attempts: number
  progress: number
  error_code: string | null
  error_message: string | null
  created: string
  updated: string
  /** The title of the item the job works on (listings only). */
  media_title?: string | null
}

export interface ClaimedJob {
  id: number
  kind: JobKind
  payload: JobPayloads[JobKind]
  attempts: number
  maxAttempts: number
}

export interface EnqueueOptions {
  /** At most one unfinished job per key; a finished one with the same key is queued again. */
  dedupeKey?: string
  maxAttempts?: number
  /** The user whose work this is; omitted for library-wide maintenance. */
  ownerId?: number
}

export class JobsRepository {
  constructor(private readonly db: Db) {}

  enqueue<K extends JobKind>(
    kind: K,
    payload: JobPayloads[K],
    now: string,
    options: EnqueueOptions = {},
  ): number {
    const dedupeKey = options.dedupeKey ?? null
    if (dedupeKey) {
      const existing = this.db
        .prepare<[string], { id: number; state: string }>('SELECT id, state FROM jobs WHERE dedupe_key = ?')
        .get(dedupeKey)
      if (existing) {
        if (existing.state === 'done' || existing.state === 'failed') {
          this.db
            .prepare(
              `UPDATE jobs SET state = 'queued', attempts = 0, progress = 0, error_code = NULL, error_message = NULL,
               result = NULL, cancel_requested = 0, payload = ?, run_after = ?, updated = ? WHERE id = ?`,
            )
            .run(JSON.stringify(payload), now, now, existing.id)
        }
        return existing.id
      }
    }
    const result = this.db
      .prepare(
        `INSERT INTO jobs (kind, payload, owner_id, dedupe_key, state, max_attempts, run_after, created, updated)
         VALUES (?, ?, ?, ?, 'queued', ?, ?, ?, ?)`,
      )
      .run(
        kind,
        JSON.stringify(payload),
        options.ownerId ?? null,
        dedupeKey,
        options.maxAttempts ?? 3,
        now,
        now,
        now,
      )
    return Number(result.lastInsertRowid)
  }

  /** Marks the oldest ready job running and returns it, or null when none is ready. */
  claimNext(now: string, pid: number): ClaimedJob | null {
    return this.db
      .transaction(() => {
        const row = this.db
          .prepare<[string], JobRow>(
            `SELECT * FROM jobs WHERE state = 'queued' AND run_after <= ? ORDER BY run_after, id LIMIT 1`,
          )
          .get(now)
        if (!row) return null
        this.db
          .prepare(
            `UPDATE jobs SET state = 'running', attempts = attempts + 1, worker_pid = ?, updated = ? WHERE id = ?`,
          )
          .run(pid, now, row.id)
        return {
          id: row.id,
          kind: row.kind as JobKind,
          payload: JSON.parse(row.payload) as JobPayloads[JobKind],
          attempts: row.attempts + 1,
          maxAttempts: row.max_attempts,
        }
      })
      .immediate()
  }

  /** When the next queued job becomes ready, or null when nothing is queued. */
  nextRunAfter(): string | null {
    const row = this.db
      .prepare<[], { at: string | null }>(`SELECT min(run_after) AS at FROM jobs WHERE state = 'queued'`)
      .get()
    return row?.at ?? null
  }

  progress(id: number, fraction: number, now: string): void {
    this.db.prepare('UPDATE jobs SET progress = ?, updated = ? WHERE id = ?').run(fraction, now, id)
  }

  complete(id: number, result: unknown, now: string): void {
    this.db
      .prepare(
        `UPDATE jobs SET state = 'done', progress = 1, result = ?, error_code = NULL, error_message = NULL,
         updated = ? WHERE id = ?`,
      )
      .run(result === undefined ? null : JSON.stringify(result), now, id)
  }

  /** Records a failure; with `retryAt` the job is queued again for then. */
  fail(id: number, error: { code: string; message: string }, retryAt: string | null, now: string): void {
    this.db
      .prepare(
        `UPDATE jobs SET state = ?, error_code = ?, error_message = ?, run_after = coalesce(?, run_after), updated = ?
         WHERE id = ?`,
      )
      .run(retryAt ? 'queued' : 'failed', error.code, error.message, retryAt, now, id)
  }

  /**
   * Jobs whose process died while running them go back to the queue; one that died on its last
   * attempt fails instead, so a job that crashes the app cannot crash it again at every start.
   * Returns how many were queued again.
   */
  requeueInterrupted(isAlive: (pid: number) => boolean, now: string): number {
    const selectRunning = this.db.prepare<
      [],
      { id: number; pid: number | null; attempts: number; maxAttempts: number }
    >(`SELECT id, worker_pid AS pid, attempts, max_attempts AS maxAttempts FROM jobs WHERE state = 'running'`)
    const requeue = this.db.prepare(
      `UPDATE jobs SET state = 'queued', worker_pid = NULL, updated = ? WHERE id = ?`,
    )
    const giveUp = this.db.prepare(
      `UPDATE jobs SET state = 'failed', worker_pid = NULL, error_code = 'internal', error_message = ?, updated = ?
       WHERE id = ?`,
    )
    let count = 0
    this.db
      .transaction(() => {
        for (const job of selectRunning.all()) {
          if (job.pid !== null && isAlive(job.pid)) continue
          if (job.attempts >= job.maxAttempts) {
            const message = `Castdesk stopped (crashed or was forced to quit) during this job's last attempt (${job.attempts} of ${job.maxAttempts}), so it is not started again by itself. Queue it again to retry.`
            giveUp.run(message, now, job.id)
            continue
          }
          requeue.run(now, job.id)
          count++
        }
      })
      .immediate()
    return count
  }

  /**
   * Queues a failed job of `ownerId` again with fresh attempts; false when the owner has no such
   * failed job (another user's job is "no such job").
   */
  retry(ownerId: number, id: number, now: string): boolean {
    const changed = this.db
      .prepare(
        `UPDATE jobs SET state = 'queued', attempts = 0, progress = 0, error_code = NULL, error_message = NULL,
         cancel_requested = 0, run_after = ?, updated = ? WHERE id = ? AND owner_id = ? AND state = 'failed'`,
      )
      .run(now, now, id, ownerId).changes
    return changed === 1
  }

  /**
   * Asks the owner's unfinished jobs of `kind` on an audio to stop: a queued one fails at once as
   * cancelled, a running one is flagged for the process running it. Returns how many were asked.
   */
  requestCancel(ownerId: number, kind: JobKind, audioId: number, now: string): number {
    const match = `kind = ? AND owner_id = ? AND json_extract(payload, '$.audioId') = ?`
    return this.db
      .transaction(() => {
        const queued = this.db
          .prepare(
            `UPDATE jobs SET state = 'failed', cancel_requested = 1, error_code = 'cancelled',
             error_message = 'Stopped on request before it started; nothing was changed.', updated = ?
             WHERE ${match} AND state = 'queued'`,
          )
          .run(now, kind, ownerId, audioId).changes
        const running = this.db
          .prepare(`UPDATE jobs SET cancel_requested = 1, updated = ? WHERE ${match} AND state = 'running'`)
          .run(now, kind, ownerId, audioId).changes
        return queued + running
      })
      .immediate()
  }

  cancelRequested(id: number): boolean {
    const row = this.db
      .prepare<[number], { c: number }>('SELECT cancel_requested AS c FROM jobs WHERE id = ?')
      .get(id)
    return row?.c === 1
  }

  /** Library-wide counts for `doctor`: failed jobs, and running jobs whose process is gone. */
  health(isAlive: (pid: number) => boolean): { failed: number; stuck: number; queued: number } {
    const count = (state: string) =>
      this.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM jobs WHERE state = ?').get(state)
        ?.n ?? 0
    const running = this.db
      .prepare<[], { pid: number | null }>(`SELECT worker_pid AS pid FROM jobs WHERE state = 'running'`)
      .all()
    const stuck = running.filter((job) => job.pid === null || !isAlive(job.pid)).length
    return { failed: count('failed'), stuck, queued: count('queued') }
  }

  get(id: number): JobInfo | null {
    const row = this.db.prepare<[number], JobRow>('SELECT * FROM jobs WHERE id = ?').get(id)
    return row ? toInfo(row) : null
  }

  /** The owner's jobs, newest first. */
  list(ownerId: number, state?: JobInfo['state'], limit = 200): JobInfo[] {
    return this.db
      .prepare<[number, string | null, string | null, number], JobRow>(
        `SELECT j.*, (SELECT m.title FROM media m WHERE m.id = coalesce(json_extract(j.payload, '$.mediaId'),
           json_extract(j.payload, '$.imageId'), json_extract(j.payload, '$.videoId'),
           json_extract(j.payload, '$.audioId'))) AS media_title
         FROM jobs j WHERE j.owner_id = ? AND (? IS NULL OR j.state = ?) ORDER BY j.id DESC LIMIT ?`,
      )
      .all(ownerId, state ?? null, state ?? null, limit)
      .map(toInfo)
  }
}

function toInfo(row: JobRow): JobInfo {
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    attempts: row.attempts,
    progress: row.progress,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
    media_id: subjectOf(row.payload),
    media_title: row.media_title ?? null,
    created: row.created,
    updated: row.updated,
  }
}

/** The item a job works on, from its payload (every kind names one, under its own key). */
function subjectOf(payload: string): number | null {
  try {
    const fields = JSON.parse(payload) as Record<string, unknown>
    const id = fields.mediaId ?? fields.imageId ?? fields.videoId ?? fields.audioId
    return typeof id === 'number' ? id : null
  } catch {
    return null
  }
}
