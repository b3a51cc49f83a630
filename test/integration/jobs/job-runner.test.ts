import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { JOB_KINDS, type JobHandler, type JobHandlers } from '../../../src/main/jobs/job-kinds'
import { JobRunner, type JobRunnerOptions } from '../../../src/main/jobs/job-runner'
import { JobsRepository } from '../../../src/main/jobs/jobs.repository'
import { type Clock, systemClock } from '../../../src/main/library/clock'
import { type Db, openDatabase } from '../../../src/main/library/database'
import { CastdeskError } from '../../../src/shared/errors'
import type { JobInfo } from '../../../src/shared/media'
import { freshDirs } from '../../helpers/fresh-dirs'

const dirs = freshDirs('castdesk-runner-')

function setup(): { db: Db; repo: JobsRepository } {
  const db = openDatabase(join(dirs.make(), 'library.sqlite'))
  dirs.cleanup(() => db.close())
  return { db, repo: new JobsRepository(db) }
}

/** The same handler for every job kind; these tests queue only media.verify jobs. */
function everyKind(handler: JobHandler<'media.verify'>): JobHandlers {
  return Object.fromEntries(JOB_KINDS.map((kind) => [kind, handler])) as unknown as JobHandlers
}

function runner(
  repo: JobsRepository,
  handler: JobHandler<'media.verify'>,
  options: Partial<JobRunnerOptions> = {},
  clock: Clock = systemClock,
): JobRunner {
  return new JobRunner(repo, everyKind(handler), clock, { concurrency: 2, ...options })
}

function enqueue(repo: JobsRepository, count: number, clock: Clock = systemClock): number[] {
  return Array.from({ length: count }, (_, i) =>
    repo.enqueue('media.verify', { mediaId: i + 1 }, clock.now().toISOString()),
  )
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** A clock the test moves by hand; the runner waits for real only until the clock says so. */
function manualClock(start = Date.parse('2024-05-01T10:00:00.000Z')): Clock & { set(ms: number): void } {
  let now = start
  return { now: () => new Date(now), set: (ms) => (now = ms) }
}

function runAfter(db: Db, id: number): number {
  return Date.parse(
    (db.prepare('SELECT run_after FROM jobs WHERE id = ?').get(id) as { run_after: string }).run_after,
  )
}

describe('bounded concurrency', () => {
  for (const concurrency of [1, 3]) {
    it(`never runs more than ${concurrency} at once, and runs all`, async () => {
      const { repo } = setup()
      const ids = enqueue(repo, 8)
      let inFlight = 0
      let maxInFlight = 0
      const seen: number[] = []
      const summary = await runner(
        repo,
        async ({ mediaId }) => {
          inFlight++
          maxInFlight = Math.max(maxInFlight, inFlight)
          seen.push(mediaId)
          await sleep(15)
          inFlight--
          return { status: 'done' }
        },
        { concurrency },
      ).runUntilIdle()
      expect(maxInFlight).toBe(concurrency)
      expect(summary).toEqual({ done: 8, failed: 0, retried: 0 })
      expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
      expect(ids.map((id) => repo.get(id)?.state)).toEqual(Array(8).fill('done'))
    })
  }

  it('returns at once when nothing is queued', async () => {
    const { repo } = setup()
    expect(await runner(repo, async () => ({ status: 'done' })).runUntilIdle()).toEqual({
      done: 0,
      failed: 0,
      retried: 0,
    })
  })
})

describe('progress', () => {
  it('reaches onUpdate and the row, clamped to 0..1', async () => {
    const { db, repo } = setup()
    const [id] = enqueue(repo, 1)
    const updates: [JobInfo['state'], number][] = []
    const stored: number[] = []
    await runner(
      repo,
      async (_payload, context) => {
        for (const fraction of [0.25, 0.5, -3, 1.7]) {
          context.progress(fraction)
          stored.push(
            (db.prepare('SELECT progress FROM jobs WHERE id = ?').get(id) as { progress: number }).progress,
          )
        }
        return { status: 'done' }
      },
      { onUpdate: (job) => updates.push([job.state, job.progress]) },
    ).runUntilIdle()
    expect(stored).toEqual([0.25, 0.5, 0, 1])
    expect(updates).toEqual([
      ['running', 0],
      ['running', 0.25],
      ['running', 0.5],
      ['running', 0],
      ['running', 1],
      ['done', 1],
    ])
  })

  it('gives the handler its job id', async () => {
    const { repo } = setup()
    const [id] = enqueue(repo, 1)
    let seen = 0
    await runner(repo, async (_payload, context) => {
      seen = context.jobId
      return { status: 'done' }
    }).runUntilIdle()
    expect(seen).toBe(id)
  })
})

describe('transient errors', () => {
  it('are retried with exponential backoff (1 s, 2 s), then the job fails after max attempts', async () => {
    const { db, repo } = setup()
    const clock = manualClock()
    const [id] = enqueue(repo, 1, clock)
    const attemptsAt: number[] = []
    const delays: number[] = []
    const summary = await runner(
      repo,
      async () => {
        attemptsAt.push(clock.now().getTime())
        throw new CastdeskError('storage_unreachable', 'The bucket cannot be reached.')
      },
      {
        onUpdate: (job) => {
          if (job.state !== 'queued') return
          // a retry was scheduled: note the delay, then jump the clock to it
          const at = runAfter(db, job.id)
          delays.push(at - clock.now().getTime())
          clock.set(at)
        },
      },
      clock,
    ).runUntilIdle()
    expect(delays).toEqual([1000, 2000])
    expect(attemptsAt.map((t) => t - (attemptsAt[0] as number))).toEqual([0, 1000, 3000])
    expect(summary).toEqual({ done: 0, failed: 1, retried: 2 })
    expect(repo.get(id as number)).toMatchObject({
      state: 'failed',
      attempts: 3,
      error: { code: 'storage_unreachable', message: 'The bucket cannot be reached.' },
    })
  })

  it('use retryDelayMs when given, with the 1-based attempt that failed', async () => {
    const { db, repo } = setup()
    const clock = manualClock()
    const id = repo.enqueue('media.verify', { mediaId: 1 }, clock.now().toISOString(), { maxAttempts: 4 })
    const asked: number[] = []
    const delays: number[] = []
    await runner(
      repo,
      async () => {
        throw new CastdeskError('tool_timeout', 'ffmpeg took too long')
      },
      {
        retryDelayMs: (attempt) => {
          asked.push(attempt)
          return attempt * 7
        },
        onUpdate: (job) => {
          if (job.state !== 'queued') return
          const at = runAfter(db, job.id)
          delays.push(at - clock.now().getTime())
          clock.set(at)
        },
      },
      clock,
    ).runUntilIdle()
    expect(asked).toEqual([1, 2, 3, 4])
    expect(delays).toEqual([7, 14, 21])
    expect(repo.get(id)).toMatchObject({ state: 'failed', attempts: 4 })
  })

  it('a job that succeeds on a retry ends done, without the old error', async () => {
    const { repo } = setup()
    const [id] = enqueue(repo, 1)
    let calls = 0
    const summary = await runner(
      repo,
      async () => {
        if (++calls < 3) throw new CastdeskError('storage_error', 'S3 said 503')
        return { status: 'done', result: { ok: true } }
      },
      { retryDelayMs: () => 5 },
    ).runUntilIdle()
    expect(summary).toEqual({ done: 1, failed: 0, retried: 2 })
    expect(repo.get(id as number)).toMatchObject({ state: 'done', attempts: 3, error: null, progress: 1 })
  })

  it('a job allowed one attempt fails at once', async () => {
    const { repo } = setup()
    const id = repo.enqueue('media.verify', { mediaId: 1 }, new Date().toISOString(), { maxAttempts: 1 })
    const summary = await runner(repo, async () => {
      throw new CastdeskError('storage_unreachable', 'offline')
    }).runUntilIdle()
    expect(summary).toEqual({ done: 0, failed: 1, retried: 0 })
    expect(repo.get(id)).toMatchObject({ state: 'failed', attempts: 1 })
  })
})

describe('errors that are not transient', () => {
  it('fail the job at once, keeping code and message', async () => {
    const { repo } = setup()
    const [id] = enqueue(repo, 1)
    let calls = 0
    const summary = await runner(repo, async () => {
      calls++
      throw new CastdeskError('corrupt_media', 'ep12.mp3 has changed since it was imported.')
    }).runUntilIdle()
    expect(calls).toBe(1)
    expect(summary).toEqual({ done: 0, failed: 1, retried: 0 })
    expect(repo.get(id as number)).toMatchObject({
      state: 'failed',
      attempts: 1,
      error: { code: 'corrupt_media', message: 'ep12.mp3 has changed since it was imported.' },
    })
  })

  it('a plain Error becomes internal', async () => {
    const { repo } = setup()
    const [id] = enqueue(repo, 1)
    await runner(repo, async () => {
      throw new TypeError('x is undefined')
    }).runUntilIdle()
    expect(repo.get(id as number)?.error).toEqual({
      code: 'internal',
      message: 'Something went wrong inside Castdesk: x is undefined',
    })
  })

  it('a job of a kind this version has no handler for fails instead of stopping the queue', async () => {
    const { db, repo } = setup()
    const now = new Date().toISOString()
    const unknown = Number(
      db
        .prepare(
          `INSERT INTO jobs (kind, payload, state, run_after, created, updated) VALUES ('media.transcode', '{}', 'queued', ?, ?, ?)`,
        )
        .run(now, now, now).lastInsertRowid,
    )
    const [known] = enqueue(repo, 1)
    const summary = await runner(repo, async () => ({ status: 'done' })).runUntilIdle()
    expect(summary).toEqual({ done: 1, failed: 1, retried: 0 })
    expect(repo.get(unknown)).toMatchObject({ state: 'failed', error: { code: 'internal' } })
    expect(repo.get(known as number)?.state).toBe('done')
  })
})

describe('outcomes', () => {
  it('stores a skipped outcome as done, with its reason', async () => {
    const { db, repo } = setup()
    const [id] = enqueue(repo, 1)
    await runner(repo, async () => ({ status: 'skipped', reason: 'item 1 no longer exists' })).runUntilIdle()
    expect(repo.get(id as number)?.state).toBe('done')
    expect(db.prepare('SELECT result FROM jobs WHERE id = ?').get(id)).toEqual({
      result: '{"status":"skipped","reason":"item 1 no longer exists"}',
    })
  })
})

describe('start and stop', () => {
  it('start runs jobs queued later; stop lets the running job finish and claims no more', async () => {
    const { repo } = setup()
    let release: () => void = () => undefined
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const started: number[] = []
    const jobs = runner(
      repo,
      async ({ mediaId }) => {
        started.push(mediaId)
        await gate
        return { status: 'done' }
      },
      { concurrency: 1 },
    )
    jobs.start(5)
    const ids = enqueue(repo, 4)
    while (started.length === 0) await sleep(5)
    const stopped = jobs.stop()
    release()
    await stopped
    expect(started).toEqual([1])
    expect(ids.map((id) => repo.get(id)?.state)).toEqual(['done', 'queued', 'queued', 'queued'])
  })

  it('start again after stop goes on with the queue', async () => {
    const { repo } = setup()
    const jobs = runner(repo, async () => ({ status: 'done' }))
    jobs.start(5)
    await jobs.stop()
    const ids = enqueue(repo, 3)
    jobs.start(5)
    while (ids.some((id) => repo.get(id)?.state !== 'done')) await sleep(5)
    await jobs.stop()
    expect(ids.map((id) => repo.get(id)?.state)).toEqual(['done', 'done', 'done'])
  })
})

describe('handlers', () => {
  it('must be exactly one per job kind', () => {
    const { repo } = setup()
    const handler: JobHandler<'media.verify'> = async () => ({ status: 'done' })
    expect(() => new JobRunner(repo, {} as JobHandlers, systemClock, { concurrency: 1 })).toThrow(
      `Job handlers do not match the job kinds: missing [${JOB_KINDS.join(',')}], unknown []`,
    )
    const { 'media.verify': _left, ...withoutVerify } = everyKind(handler)
    expect(() => new JobRunner(repo, withoutVerify as JobHandlers, systemClock, { concurrency: 1 })).toThrow(
      'Job handlers do not match the job kinds: missing [media.verify], unknown []',
    )
    const extra = { ...everyKind(handler), 'media.transcode': handler } as unknown as JobHandlers
    expect(() => new JobRunner(repo, extra, systemClock, { concurrency: 1 })).toThrow(
      'Job handlers do not match the job kinds: missing [], unknown [media.transcode]',
    )
    expect(() => new JobRunner(repo, everyKind(handler), systemClock, { concurrency: 1 })).not.toThrow()
  })
})
