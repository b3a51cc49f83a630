import type { ProgressEvent } from '../../shared/api'
import type { ImportOutcome, JobInfo } from '../../shared/media'

/** What `GET /api/events` sends, as the SSE event name and its JSON data. */
export type ServerEvent =
  | { event: 'job'; data: JobInfo }
  | { event: 'import'; data: ImportOutcome }
  | { event: 'progress'; data: ProgressEvent }

type Listener = (event: ServerEvent) => void

/** Fans events out to the open event streams of the user they concern, and to no one else. */
export class EventHub {
  private readonly listeners = new Map<number, Set<Listener>>()
  /** A job's owner never changes: asked once per job. */
  private readonly jobOwners = new Map<number, number | null>()

  constructor(private readonly ownerOfJob: (jobId: number) => number | null) {}

  subscribe(userId: number, listener: Listener): () => void {
    let set = this.listeners.get(userId)
    if (!set) {
      set = new Set()
      this.listeners.set(userId, set)
    }
    set.add(listener)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(userId)
    }
  }

  publish(userId: number, event: ServerEvent): void {
    for (const listener of this.listeners.get(userId) ?? []) listener(event)
  }

  /** A job changed (the library's onJobUpdate): its owner's streams hear of it. */
  jobUpdated(job: JobInfo): void {
    if (this.listeners.size === 0) return
    let owner = this.jobOwners.get(job.id)
    if (owner === undefined) {
      owner = this.ownerOfJob(job.id)
      if (this.jobOwners.size > 10_000) this.jobOwners.clear()
      this.jobOwners.set(job.id, owner)
    }
    if (owner !== null) this.publish(owner, { event: 'job', data: job })
  }
}
