import { type ErrorCode, toErrorBody } from '../../shared/errors'
import type { JobInfo } from '../../shared/media'
import { type Clock, isoNow } from '../library/clock'
import { JOB_KINDS, type JobHandler, type JobHandlers, type JobKind, type JobOutcome } from './job-kinds'
import type { ClaimedJob, JobsRepository } from './jobs.repository'

const TRANSIENT: ReadonlySet<ErrorCode> = new Set([
  'storage_unreachable',
  'storage_error',
  'tool_timeout',
  'database_error',
])

export interface JobRunnerOptions {
  concurrency: number
  /** Delay before retry number `attempt` (1-based) of a transient failure. */
  retryDelayMs?: (attempt: number) => number
  onUpdate?: (job: JobInfo) => void
  /** The background loop could not claim or record a job (the database failed). */
  onLoopError?: (error: unknown) => void
}

export interface RunSummary {
  done: number
  failed: number
  retried: number
}

/** Runs queued jobs with bounded concurrency, retrying transient failures with backoff. */
export class JobRunner {
  private stopped = false
  private loop: Promise<void> | null = null

  constructor(
    private readonly repo: JobsRepository,
    private readonly handlers: JobHandlers,
    private readonly clock: Clock,
    private readonly options: JobRunnerOptions,
  ) {
    assertOneHandlerPerKind(handlers)
  }

  /**
   * Runs until no job is queued (waiting for scheduled retries), then resolves. After `stop()` it
   * claims no more jobs and resolves once the running ones are finished.
   */
  async runUntilIdle(): Promise<RunSummary> {
    const summary: RunSummary = { done: 0, failed: 0, retried: 0 }
    const running = new Set<Promise<void>>()
    for (;;) {
      while (!this.stopped && running.size < this.options.concurrency) {
        const job = this.repo.claimNext(isoNow(this.clock), process.pid)
        if (!job) break
        const task: Promise<void> = this.execute(job, summary).finally(() => running.delete(task))
        running.add(task)
      }
      if (running.size > 0) {
        await Promise.race(running)
        continue
      }
      const next = this.repo.nextRunAfter()
      if (!next || this.stopped) return summary
      await sleep(Math.max(10, Date.parse(next) - this.clock.now().getTime()))
    }
  }

  /** Keeps running jobs in the background until `stop()`. */
  start(pollMs = 500): void {
    if (this.loop) return
    this.stopped = false
    this.loop = (async () => {
      let failing = ''
      while (!this.stopped) {
        try {
          await this.runUntilIdle()
          failing = ''
        } catch (error) {
          // A damaged or unreachable database: say so (once) and try again later, never crash the app.
          const message = toErrorBody(error).message
          if (message !== failing) this.options.onLoopError?.(error)
          failing = message
        }
        if (!this.stopped) await sleep(pollMs)
      }
    })()
  }

  async stop(): Promise<void> {
    this.stopped = true
    await this.loop
    this.loop = null
  }

  private async execute(job: ClaimedJob, summary: RunSummary): Promise<void> {
    const handler = this.handlers[job.kind] as JobHandler<JobKind>
    this.notify(job.id)
    try {
      const outcome: JobOutcome = await handler(job.payload, {
        jobId: job.id,
        progress: (fraction) => {
          this.repo.progress(job.id, Math.min(1, Math.max(0, fraction)), isoNow(this.clock))
          this.notify(job.id)
        },
      })
      this.repo.complete(job.id, outcome, isoNow(this.clock))
      summary.done++
    } catch (error) {
      const body = toErrorBody(error)
      const retry = TRANSIENT.has(body.code) && job.attempts < job.maxAttempts
      const delay = this.options.retryDelayMs?.(job.attempts) ?? 1000 * 2 ** (job.attempts - 1)
      const retryAt = retry ? new Date(this.clock.now().getTime() + delay).toISOString() : null
      this.repo.fail(job.id, body, retryAt, isoNow(this.clock))
      if (retry) summary.retried++
      else summary.failed++
    }
    this.notify(job.id)
  }

  private notify(id: number): void {
    if (!this.options.onUpdate) return
    const info = this.repo.get(id)
    if (info) this.options.onUpdate(info)
  }
}

function assertOneHandlerPerKind(handlers: JobHandlers): void {
  const registered = Object.keys(handlers)
  const missing = JOB_KINDS.filter((kind) => typeof handlers[kind] !== 'function')
  const extra = registered.filter((kind) => !JOB_KINDS.includes(kind as JobKind))
  if (missing.length || extra.length) {
    throw new Error(`Job handlers do not match the job kinds: missing [${missing}], unknown [${extra}]`)
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
