import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AudioItem, ImportOutcome, JobInfo } from '../../../src/shared/media'
import { makeDir } from '../../helpers/media-fixtures'
import { CLI, runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import { makeMaster, speechLike } from './master-fixtures'

/** Every file under a folder, recursively (relative paths). */
function filesUnder(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  )
}

describe('audio encode as a background job: progress, cancel, and a killed encode', () => {
  const root = tempDir('castdesk-encode-job-')
  const files = makeDir(root, 'files')
  const libraryDir = join(root, 'library')
  let t: TestLibrary
  const ann = () => t.as('ann')
  let id: number

  beforeAll(async () => {
    t = await openTestLibrary(libraryDir)
    const path = makeMaster(join(files, 'episode.wav'), { source: speechLike(0.2), seconds: 90 })
    id = ((await t.call('media.import', { paths: [path] }, ann()))[0] as ImportOutcome).id as number
    expect((await t.call('jobs.run', {}, ann())).failed).toBe(0)
  })

  it('stops a running encode on request: the job fails as cancelled and the Audio is unchanged', async () => {
    const { job_id } = await t.call('audio.queueEncode', { id, formats: ['mp3', 'm4a', 'opus'] }, ann())
    const running = t.library.jobs.runUntilIdle()
    for (let i = 0; i < 600; i++) {
      const job = ((await t.call('jobs.list', {}, ann())) as JobInfo[]).find((j) => j.id === job_id)
      if (job && job.progress > 0.15) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(await t.call('audio.cancelEncode', { id }, ann())).toEqual({ id, cancelled: true })
    await running
    const job = ((await t.call('jobs.list', {}, ann())) as JobInfo[]).find((j) => j.id === job_id)
    expect(job?.state).toBe('failed')
    expect(job?.error?.code).toBe('cancelled')
    expect(((await t.call('media.show', { id }, ann())) as AudioItem).files).toEqual([])
    expect(filesUnder(join(libraryDir, 'tmp')).filter((f) => !f.endsWith('.wav'))).toEqual([])
    expect(filesUnder(join(libraryDir, 'media', 'cast_audio')).sort()).toEqual(['masters/episode.wav'])
  })

  it('a killed encode leaves no file under a real name, and runs again to the end', {
    timeout: 180_000,
  }, async () => {
    t.library.close()
    const child: ChildProcess = spawn(
      process.execPath,
      [CLI, '--library', libraryDir, '--user', 'ann', 'audio', 'encode', String(id)],
      {
        stdio: 'ignore',
      },
    )
    // Kill it while ffmpeg writes its outputs into the process's staging folder.
    const staging = join(libraryDir, 'tmp', String(child.pid))
    const outputs = () => filesUnder(staging).filter((f) => /\.(mp3|m4a)$/.test(f))
    for (let i = 0; i < 1200 && outputs().length === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    expect(outputs().length).toBeGreaterThan(0)
    child.kill('SIGKILL')
    await new Promise((resolve) => child.once('exit', resolve))
    expect(filesUnder(join(libraryDir, 'media', 'cast_audio')).sort()).toEqual(['masters/episode.wav'])
    const result = runCliJson<{ files: Array<{ format: string }> }>([
      '--library',
      libraryDir,
      '--user',
      'ann',
      'audio',
      'encode',
      String(id),
    ])
    expect(result.code).toBe(0)
    expect(result.json.files.map((f) => f.format)).toEqual(['mp3', 'm4a'])
    // The next start removed what the killed process left in its staging folder.
    expect(existsSync(staging)).toBe(false)
    expect(filesUnder(join(libraryDir, 'media', 'cast_audio')).sort()).toEqual([
      'episode.m4a',
      'episode.mp3',
      'masters/episode.wav',
    ])
    const shown = runCliJson<AudioItem>(['--library', libraryDir, '--user', 'ann', 'show', String(id)])
    expect(shown.json.files.every((f) => f.loudness !== null)).toBe(true)
    expect(shown.json.master?.format).toBe('wav')
  })
})
