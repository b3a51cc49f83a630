import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { verifyMediaJob } from '../../../src/main/jobs/handlers/verify-media.job'
import { JOB_KINDS, type JobHandlers } from '../../../src/main/jobs/job-kinds'
import { JobRunner } from '../../../src/main/jobs/job-runner'
import { JobsRepository } from '../../../src/main/jobs/jobs.repository'
import { systemClock } from '../../../src/main/library/clock'
import { type Db, openDatabase } from '../../../src/main/library/database'
import { BlobsRepository } from '../../../src/main/library/repositories/blobs.repository'
import { MediaWriteRepository } from '../../../src/main/library/repositories/media-write.repository'
import { UsersRepository } from '../../../src/main/library/repositories/users.repository'
import { LocalStorage } from '../../../src/main/storage/local-storage'
import type { JobInfo } from '../../../src/shared/media'
import { freshDirs } from '../../helpers/fresh-dirs'

const dirs = freshDirs('castdesk-verify-')
const NOW = '2024-05-01T10:00:00.000Z'
const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex')

interface Fixture {
  db: Db
  root: string
  jobs: JobsRepository
  runner: JobRunner
  updates: JobInfo[]
  /** Stores files as one item's blobs (the real storage and repositories); returns the item id. */
  addItem(files: Record<string, string>): Promise<number>
}

function setup(): Fixture {
  const dir = dirs.make()
  const db = openDatabase(join(dir, 'library.sqlite'))
  dirs.cleanup(() => db.close())
  const root = join(dir, 'media')
  mkdirSync(root)
  const storage = new LocalStorage('default', root)
  const blobs = new BlobsRepository(db)
  const media = new MediaWriteRepository(db)
  const owner = new UsersRepository(db).insert('ann', NOW).id
  const jobs = new JobsRepository(db)
  const verify = verifyMediaJob({ blobsOf: (id) => blobs.forMedia(id), storage })
  const handlers = Object.fromEntries(
    JOB_KINDS.map((kind) => [
      kind,
      kind === 'media.verify'
        ? verify
        : async () => {
            throw new Error(`no ${kind} jobs in this test`)
          },
    ]),
  ) as unknown as JobHandlers
  const updates: JobInfo[] = []
  const runner = new JobRunner(jobs, handlers, systemClock, {
    concurrency: 1,
    onUpdate: (job) => updates.push(job),
  })
  return {
    db,
    root,
    jobs,
    runner,
    updates,
    async addItem(files) {
      const mediaId = media.insertMedia(owner, 'file', 'item', NOW)
      for (const [key, content] of Object.entries(files)) {
        const stored = await storage.put(key, Buffer.from(content))
        blobs.insert(
          {
            key,
            ...stored,
            mime: 'text/plain',
            ownerId: owner,
            mediaId,
            role: 'original',
            originalName: null,
          },
          NOW,
        )
      }
      return mediaId
    },
  }
}

function resultOf(db: Db, id: number): unknown {
  const row = db.prepare('SELECT result FROM jobs WHERE id = ?').get(id) as { result: string | null }
  return row.result === null ? null : JSON.parse(row.result)
}

describe('media.verify', () => {
  it('passes an item whose files are as imported, reporting progress per file', async () => {
    const f = setup()
    const item = await f.addItem({
      'cast_files/notes.txt': 'show notes',
      'cast_transcript/ep.vtt': 'WEBVTT\n',
    })
    const id = f.jobs.enqueue('media.verify', { mediaId: item }, NOW)
    expect(await f.runner.runUntilIdle()).toEqual({ done: 1, failed: 0, retried: 0 })
    expect(f.jobs.get(id)).toMatchObject({ state: 'done', attempts: 1, progress: 1, error: null })
    expect(resultOf(f.db, id)).toEqual({ status: 'done', result: { checked: 2, bytes: 17 } })
    expect(f.updates.map((u) => [u.state, u.progress])).toEqual([
      ['running', 0],
      ['running', 0.5],
      ['running', 1],
      ['done', 1],
    ])
  })

  it('detects a changed file, even one of the same size, and fails at once', async () => {
    const f = setup()
    const item = await f.addItem({ 'cast_files/notes.txt': 'show notes' })
    const path = join(f.root, 'cast_files', 'notes.txt')
    writeFileSync(path, 'show nOtes')
    expect(sha256(readFileSync(path))).not.toBe(sha256('show notes'))
    const id = f.jobs.enqueue('media.verify', { mediaId: item }, NOW)
    expect(await f.runner.runUntilIdle()).toEqual({ done: 0, failed: 1, retried: 0 })
    expect(f.jobs.get(id)).toMatchObject({
      state: 'failed',
      attempts: 1,
      error: {
        code: 'corrupt_media',
        message: `Item ${item}: cast_files/notes.txt has changed since it was imported. Restore these files from a backup (castdesk media_restore).`,
      },
    })
  })

  it('detects a missing file', async () => {
    const f = setup()
    const item = await f.addItem({ 'cast_audio/ep12.mp3': 'ID3 audio' })
    rmSync(join(f.root, 'cast_audio', 'ep12.mp3'))
    const id = f.jobs.enqueue('media.verify', { mediaId: item }, NOW)
    await f.runner.runUntilIdle()
    expect(f.jobs.get(id)?.error).toEqual({
      code: 'corrupt_media',
      message: `Item ${item}: cast_audio/ep12.mp3 is missing. Restore these files from a backup (castdesk media_restore).`,
    })
  })

  it('names every bad file of an item, and checks them all', async () => {
    const f = setup()
    const item = await f.addItem({
      'cast_audio/ep.mp3': 'mp3',
      'cast_audio/ep.m4a': 'm4a',
      'cast_audio/ep.opus': 'opus',
    })
    rmSync(join(f.root, 'cast_audio', 'ep.mp3'))
    writeFileSync(join(f.root, 'cast_audio', 'ep.opus'), 'opus, re-encoded')
    const id = f.jobs.enqueue('media.verify', { mediaId: item }, NOW)
    await f.runner.runUntilIdle()
    expect(f.jobs.get(id)?.error?.message).toBe(
      `Item ${item}: cast_audio/ep.mp3 is missing; cast_audio/ep.opus has changed since it was imported. Restore these files from a backup (castdesk media_restore).`,
    )
    expect(f.updates.filter((u) => u.state === 'running').map((u) => u.progress)).toEqual([
      0,
      1 / 3,
      2 / 3,
      1,
    ])
  })

  it('skips an item that no longer exists', async () => {
    const f = setup()
    const id = f.jobs.enqueue('media.verify', { mediaId: 4711 }, NOW)
    expect(await f.runner.runUntilIdle()).toEqual({ done: 1, failed: 0, retried: 0 })
    expect(resultOf(f.db, id)).toEqual({ status: 'skipped', reason: 'item 4711 no longer exists' })
  })
})
