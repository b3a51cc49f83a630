import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { beforeAll, describe, expect, it } from 'vitest'
import { Library } from '../../../src/main/library/library'
import { isProcessAlive } from '../../../src/main/platform/process-liveness'
import { freshDirs } from '../../helpers/fresh-dirs'

const ROOT = join(__dirname, '..', '..', '..')
const ENGINE = join(ROOT, 'out', 'main', 'engine.js')
const CHILD = join(ROOT, 'test', 'helpers', 'crash-mid-job.cjs')

const dirs = freshDirs('castdesk-crash-job-')

function newestMtime(path: string): number {
  const info = statSync(path)
  if (!info.isDirectory()) return info.mtimeMs
  return Math.max(info.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))))
}

/** The child runs the built engine: build it when it is missing or older than the code under test. */
beforeAll(() => {
  const sources = ['library', 'jobs', 'storage', 'engine.ts'].map((p) => join(ROOT, 'src', 'main', p))
  if (existsSync(ENGINE) && statSync(ENGINE).mtimeMs >= Math.max(...sources.map(newestMtime))) return
  try {
    execFileSync(join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: ROOT, stdio: 'pipe' })
  } catch (error) {
    const output = (error as { stderr?: Buffer; stdout?: Buffer }).stderr?.toString() ?? ''
    throw new Error(`electron-vite build failed, so out/main/engine.js cannot be tested:\n${output}`)
  }
}, 180_000)

interface RawJob {
  state: string
  attempts: number
  progress: number
  worker_pid: number | null
  result: string | null
}

function rawJob(dir: string, id: number): RawJob {
  const db = new Database(join(dir, 'library.sqlite'), { fileMustExist: true })
  try {
    return db
      .prepare('SELECT state, attempts, progress, worker_pid, result FROM jobs WHERE id = ?')
      .get(id) as RawJob
  } finally {
    db.close()
  }
}

/** Runs the child on the library until it is inside a job, then kills it with SIGKILL. */
function killMidJob(dir: string): Promise<{ pid: number; line: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, ENGINE, dir], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    let line = ''
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString()
      const match = /^mid-job .*$/m.exec(stdout)
      if (match && !line) {
        line = match[0]
        child.kill('SIGKILL')
      }
    })
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString()
    })
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL' && line) resolve({ pid: child.pid as number, line })
      else
        reject(
          new Error(
            `the child was not killed mid-job (exit ${code}, signal ${signal}).\nstdout: ${stdout}\nstderr: ${stderr}\n` +
              'If it says database_too_new, out/main/engine.js is older than the code: run electron-vite build.',
          ),
        )
    })
  })
}

describe('a process killed in the middle of a job', () => {
  it('leaves the job running under its dead pid; reopening requeues it and runUntilIdle completes it', async () => {
    const dir = dirs.make()
    const now = new Date().toISOString()

    // A library with one item of two stored files, and a verify job for it.
    const setup = await Library.open(dir, { create: true })
    let mediaId: number
    let jobId: number
    try {
      const owner = setup.users.insert('ann', now)
      const source = join(dirs.make(), 'show-notes.txt')
      writeFileSync(source, 'Show notes for episode 12\n'.repeat(100))
      const [outcome] = await setup.importer.importPaths(owner.id, [source])
      expect(outcome?.status).toBe('imported')
      mediaId = outcome?.id as number
      const extra = await setup.storage.put('cast_transcript/show-notes.vtt', Buffer.from('WEBVTT\n'))
      setup.blobs.insert(
        {
          key: 'cast_transcript/show-notes.vtt',
          ...extra,
          mime: 'text/vtt',
          ownerId: owner.id,
          mediaId,
          role: 'transcript',
          originalName: null,
        },
        now,
      )
      jobId = setup.jobsRepo.enqueue('media.verify', { mediaId }, now, { ownerId: owner.id })
    } finally {
      setup.close()
    }

    // The child claims the job, verifies the first file, reports 0.5 and is killed.
    const killed = await killMidJob(dir)
    expect(killed.line).toBe(`mid-job ${jobId} 0.5`)
    expect(isProcessAlive(killed.pid)).toBe(false)
    expect(rawJob(dir, jobId)).toEqual({
      state: 'running',
      attempts: 1,
      progress: 0.5,
      worker_pid: killed.pid,
      result: null,
    })

    // Reopening sees a running job of a dead process and queues it again.
    const reopened = await Library.open(dir)
    try {
      expect(rawJob(dir, jobId)).toEqual({
        state: 'queued',
        attempts: 1,
        progress: 0.5,
        worker_pid: null,
        result: null,
      })
      expect(await reopened.jobs.runUntilIdle()).toEqual({ done: 1, failed: 0, retried: 0 })
      expect(reopened.jobsRepo.get(jobId)).toMatchObject({
        state: 'done',
        attempts: 2,
        progress: 1,
        error: null,
      })
      expect(JSON.parse(rawJob(dir, jobId).result as string)).toEqual({
        status: 'done',
        result: { checked: 2, bytes: 26 * 100 + 7 },
      })
    } finally {
      reopened.close()
    }
  })

  it('does not requeue a job whose process is still alive', async () => {
    const dir = dirs.make()
    const now = new Date().toISOString()
    const first = await Library.open(dir, { create: true })
    let jobId: number
    try {
      jobId = first.jobsRepo.enqueue('media.verify', { mediaId: 1 }, now)
      // Claimed by a live process (vitest's main one; our own pid would count as a dead namesake).
      expect(first.jobsRepo.claimNext(now, process.ppid)?.id).toBe(jobId)
    } finally {
      first.close()
    }
    const second = await Library.open(dir)
    try {
      expect(rawJob(dir, jobId)).toMatchObject({ state: 'running', worker_pid: process.ppid })
      expect(await second.jobs.runUntilIdle()).toEqual({ done: 0, failed: 0, retried: 0 })
    } finally {
      second.close()
    }
  })
})
