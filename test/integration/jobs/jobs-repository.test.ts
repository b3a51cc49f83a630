import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { JobsRepository } from '../../../src/main/jobs/jobs.repository'
import { type Db, openDatabase } from '../../../src/main/library/database'
import { isProcessAlive } from '../../../src/main/platform/process-liveness'
import { deadPid } from '../../helpers/dead-pid'
import { freshDirs } from '../../helpers/fresh-dirs'

const dirs = freshDirs('castdesk-jobs-repo-')

const T0 = '2024-05-01T10:00:00.000Z'
const T1 = '2024-05-01T10:00:01.000Z'
const T2 = '2024-05-01T10:00:02.000Z'

function setup(): { db: Db; repo: JobsRepository } {
  const db = openDatabase(join(dirs.make(), 'library.sqlite'))
  dirs.cleanup(() => db.close())
  return { db, repo: new JobsRepository(db) }
}

interface RawJob {
  state: string
  attempts: number
  max_attempts: number
  progress: number
  worker_pid: number | null
  payload: string
  run_after: string
  result: string | null
  error_code: string | null
  error_message: string | null
  owner_id: number | null
}

function raw(db: Db, id: number): RawJob {
  return db.prepare('SELECT * FROM jobs WHERE id = ?').get(id) as RawJob
}

function addUser(db: Db, name: string): number {
  return Number(db.prepare('INSERT INTO users (name, created) VALUES (?, ?)').run(name, T0).lastInsertRowid)
}

describe('enqueue', () => {
  it('queues a job with its defaults', () => {
    const { db, repo } = setup()
    const id = repo.enqueue('media.verify', { mediaId: 7 }, T0)
    expect(repo.get(id)).toEqual({
      id,
      kind: 'media.verify',
      state: 'queued',
      attempts: 0,
      progress: 0,
      error: null,
      media_id: 7,
      media_title: null,
      created: T0,
      updated: T0,
    })
    expect(raw(db, id)).toMatchObject({
      payload: '{"mediaId":7}',
      max_attempts: 3,
      run_after: T0,
      worker_pid: null,
      owner_id: null,
    })
  })

  it('records the owner and max attempts', () => {
    const { db, repo } = setup()
    const ann = addUser(db, 'ann')
    const id = repo.enqueue('media.verify', { mediaId: 1 }, T0, { ownerId: ann, maxAttempts: 5 })
    expect(raw(db, id)).toMatchObject({ owner_id: ann, max_attempts: 5 })
  })
})

describe('dedupe keys', () => {
  it('returns the unfinished job with the same key instead of queueing a second one', () => {
    const { db, repo } = setup()
    const first = repo.enqueue('media.verify', { mediaId: 1 }, T0, { dedupeKey: 'verify:1' })
    const second = repo.enqueue('media.verify', { mediaId: 99 }, T1, { dedupeKey: 'verify:1' })
    expect(second).toBe(first)
    expect(db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 1 })
    // the queued job keeps its payload and its time
    expect(raw(db, first)).toMatchObject({ payload: '{"mediaId":1}', run_after: T0 })
  })

  it('leaves a running job with the same key alone', () => {
    const { db, repo } = setup()
    const id = repo.enqueue('media.verify', { mediaId: 1 }, T0, { dedupeKey: 'verify:1' })
    repo.claimNext(T0, 4242)
    expect(repo.enqueue('media.verify', { mediaId: 1 }, T1, { dedupeKey: 'verify:1' })).toBe(id)
    expect(raw(db, id)).toMatchObject({ state: 'running', attempts: 1, worker_pid: 4242 })
  })

  it.each(['done', 'failed'] as const)('queues a %s job with the same key again, from scratch', (finish) => {
    const { db, repo } = setup()
    const id = repo.enqueue('media.verify', { mediaId: 1 }, T0, { dedupeKey: 'verify:1' })
    repo.claimNext(T0, 4242)
    repo.progress(id, 0.5, T0)
    if (finish === 'done') repo.complete(id, { status: 'done' }, T1)
    else repo.fail(id, { code: 'corrupt_media', message: 'bad' }, null, T1)
    expect(repo.get(id)?.state).toBe(finish)

    expect(repo.enqueue('media.verify', { mediaId: 2 }, T2, { dedupeKey: 'verify:1' })).toBe(id)
    expect(raw(db, id)).toMatchObject({
      state: 'queued',
      attempts: 0,
      progress: 0,
      payload: '{"mediaId":2}',
      run_after: T2,
      result: null,
      error_code: null,
      error_message: null,
    })
    expect(db.prepare('SELECT count(*) AS n FROM jobs').get()).toEqual({ n: 1 })
  })

  it('queues jobs with different keys or no key separately', () => {
    const { repo } = setup()
    const a = repo.enqueue('media.verify', { mediaId: 1 }, T0, { dedupeKey: 'verify:1' })
    const b = repo.enqueue('media.verify', { mediaId: 2 }, T0, { dedupeKey: 'verify:2' })
    const c = repo.enqueue('media.verify', { mediaId: 1 }, T0)
    const d = repo.enqueue('media.verify', { mediaId: 1 }, T0)
    expect(new Set([a, b, c, d]).size).toBe(4)
  })
})

describe('claimNext', () => {
  it('claims the oldest ready job, marks it running for the pid and counts the attempt', () => {
    const { db, repo } = setup()
    const later = repo.enqueue('media.verify', { mediaId: 2 }, T1)
    const first = repo.enqueue('media.verify', { mediaId: 1 }, T0)
    expect(repo.claimNext(T1, 1234)).toEqual({
      id: first,
      kind: 'media.verify',
      payload: { mediaId: 1 },
      attempts: 1,
      maxAttempts: 3,
    })
    expect(raw(db, first)).toMatchObject({ state: 'running', worker_pid: 1234, attempts: 1 })
    expect(repo.claimNext(T1, 1234)?.id).toBe(later)
    expect(repo.claimNext(T2, 1234)).toBeNull()
  })

  it('does not claim a job before its run_after', () => {
    const { repo } = setup()
    const id = repo.enqueue('media.verify', { mediaId: 1 }, T2)
    expect(repo.claimNext(T1, 1)).toBeNull()
    expect(repo.nextRunAfter()).toBe(T2)
    expect(repo.claimNext(T2, 1)?.id).toBe(id)
    expect(repo.nextRunAfter()).toBeNull()
  })
})

describe('fail and complete', () => {
  it('a failure with a retry time queues the job again for then, keeping the error', () => {
    const { db, repo } = setup()
    const id = repo.enqueue('media.verify', { mediaId: 1 }, T0)
    repo.claimNext(T0, 1)
    repo.fail(id, { code: 'storage_unreachable', message: 'offline' }, T2, T1)
    expect(raw(db, id)).toMatchObject({ state: 'queued', run_after: T2, attempts: 1 })
    expect(repo.get(id)?.error).toEqual({ code: 'storage_unreachable', message: 'offline' })
  })

  it('a completed job is done at progress 1, with its result and no leftover error', () => {
    const { db, repo } = setup()
    const id = repo.enqueue('media.verify', { mediaId: 1 }, T0)
    repo.claimNext(T0, 1)
    repo.fail(id, { code: 'storage_unreachable', message: 'offline' }, T1, T1)
    repo.claimNext(T1, 1)
    repo.complete(id, { status: 'done', result: { checked: 2 } }, T2)
    expect(repo.get(id)).toMatchObject({ state: 'done', progress: 1, error: null, attempts: 2, updated: T2 })
    expect(raw(db, id).result).toBe('{"status":"done","result":{"checked":2}}')
  })
})

describe('requeueInterrupted', () => {
  it('queues again only the running jobs whose process is gone', () => {
    const { db, repo } = setup()
    const dead = deadPid()
    const ofDead = repo.enqueue('media.verify', { mediaId: 1 }, T0)
    const ofAlive = repo.enqueue('media.verify', { mediaId: 2 }, T0)
    const ofNobody = repo.enqueue('media.verify', { mediaId: 3 }, T0)
    const queued = repo.enqueue('media.verify', { mediaId: 4 }, T0)
    const done = repo.enqueue('media.verify', { mediaId: 5 }, T0)
    expect(repo.claimNext(T0, dead)?.id).toBe(ofDead)
    expect(repo.claimNext(T0, process.pid)?.id).toBe(ofAlive)
    expect(repo.claimNext(T0, dead)?.id).toBe(ofNobody)
    db.prepare('UPDATE jobs SET worker_pid = NULL WHERE id = ?').run(ofNobody)
    db.prepare(`UPDATE jobs SET state = 'done', worker_pid = ? WHERE id = ?`).run(dead, done)

    expect(repo.requeueInterrupted(isProcessAlive, T1)).toBe(2)

    expect(raw(db, ofDead)).toMatchObject({ state: 'queued', worker_pid: null, attempts: 1 })
    expect(repo.get(ofDead)?.updated).toBe(T1)
    expect(raw(db, ofNobody)).toMatchObject({ state: 'queued', worker_pid: null })
    expect(raw(db, ofAlive)).toMatchObject({ state: 'running', worker_pid: process.pid })
    expect(raw(db, queued).state).toBe('queued')
    expect(raw(db, done).state).toBe('done')
    expect(repo.requeueInterrupted(isProcessAlive, T2)).toBe(0)
  })

  it('fails a job that was interrupted on its last attempt instead of running it into a crash again', () => {
    const { db, repo } = setup()
    const id = repo.enqueue('media.verify', { mediaId: 1 }, T0, { maxAttempts: 2 })
    const dead = deadPid()
    repo.claimNext(T0, dead)
    expect(repo.requeueInterrupted(isProcessAlive, T1)).toBe(1)
    repo.claimNext(T1, dead)
    expect(raw(db, id).attempts).toBe(2)

    expect(repo.requeueInterrupted(isProcessAlive, T2)).toBe(0)
    expect(raw(db, id)).toMatchObject({ state: 'failed', worker_pid: null, attempts: 2 })
    expect(repo.get(id)?.error).toEqual({
      code: 'internal',
      message:
        "Castdesk stopped (crashed or was forced to quit) during this job's last attempt (2 of 2), so it is not started again by itself. Queue it again to retry.",
    })
  })
})

describe('list and get', () => {
  it("lists one owner's jobs, newest first, optionally by state", () => {
    const { db, repo } = setup()
    const ann = addUser(db, 'ann')
    const bob = addUser(db, 'bob')
    const a1 = repo.enqueue('media.verify', { mediaId: 1 }, T0, { ownerId: ann })
    const b1 = repo.enqueue('media.verify', { mediaId: 2 }, T0, { ownerId: bob })
    const a2 = repo.enqueue('media.verify', { mediaId: 3 }, T0, { ownerId: ann })
    repo.enqueue('media.verify', { mediaId: 4 }, T0)
    repo.claimNext(T0, 1)
    expect(repo.list(ann).map((j) => j.id)).toEqual([a2, a1])
    expect(repo.list(ann, 'running').map((j) => j.id)).toEqual([a1])
    expect(repo.list(ann, 'queued').map((j) => j.id)).toEqual([a2])
    expect(repo.list(ann, undefined, 1).map((j) => j.id)).toEqual([a2])
    expect(repo.list(bob).map((j) => j.id)).toEqual([b1])
    expect(repo.get(12345)).toBeNull()
  })
})
