import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ImportOutcome, JobInfo } from '../../../src/shared/media'
import { snapshotLibrary } from '../../helpers/library-snapshot'
import { makeAudio, makeDir } from '../../helpers/media-fixtures'
import { runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'
import { makeStepVideo } from './video-fixtures'

describe('bad video input', () => {
  const root = tempDir()
  const library = join(root, 'library')
  const cli = <T>(...args: string[]) => runCliJson<T>(['--library', library, '--user', 'alice', ...args])

  beforeAll(() => {
    cli('init')
    const good = makeDir(root, 'good')
    makeStepVideo(join(good, 'kept.mp4'), {
      codec: 'h264',
      width: 640,
      height: 360,
      steps: [{ colour: 'red', seconds: 2 }],
    })
    expect(cli('import', good).code).toBe(0)
    expect(cli('recalc_video_posters').code).toBe(0)
  })

  it('refuses a truncated MP4 (no moov) and a zero-length MP4 with clear errors; nothing changes', () => {
    const bad = makeDir(root, 'bad')
    // ffmpeg writes the moov index at the end: cutting the file in half loses it.
    const whole = makeStepVideo(join(bad, 'whole.mp4'), {
      codec: 'h264',
      width: 640,
      height: 360,
      steps: [{ colour: 'blue', seconds: 3 }],
    })
    const bytes = readFileSync(whole)
    expect(bytes.includes(Buffer.from('moov'))).toBe(true)
    const half = bytes.subarray(0, Math.floor(bytes.length / 2))
    expect(half.includes(Buffer.from('moov'))).toBe(false)
    writeFileSync(join(bad, 'truncated.mp4'), half)
    writeFileSync(join(bad, 'empty.mp4'), '')
    const before = snapshotLibrary(library)

    const { code, json } = cli<ImportOutcome[]>('import', join(bad, 'truncated.mp4'), join(bad, 'empty.mp4'))

    expect(code).toBe(1)
    const byName = Object.fromEntries(json.map((o) => [o.path.split('/').at(-1), o]))
    expect(byName['truncated.mp4']).toMatchObject({ status: 'error', error: { code: 'corrupt_media' } })
    expect(byName['truncated.mp4']?.error?.message).toMatch(
      /^truncated\.mp4 could not be read: it is damaged or truncated .*Export it again\.$/,
    )
    expect(byName['empty.mp4']).toMatchObject({ status: 'error', error: { code: 'empty_file' } })
    expect(byName['empty.mp4']?.error?.message).toMatch(/^empty\.mp4 is empty \(0 bytes\)\. .*import it\.$/)
    expect(snapshotLibrary(library)).toBe(before)
    const posterJobs = cli<JobInfo[]>('jobs').json.filter((j) => j.kind === 'video.poster')
    expect(posterJobs).toHaveLength(1)
  })

  it('imports an audio-only MP4 as audio, with no poster job', () => {
    const file = makeAudio(join(root, 'sound-only.mp4'), 'm4a', { seconds: 2 })
    const posterJobs = () => cli<JobInfo[]>('jobs').json.filter((j) => j.kind === 'video.poster').length
    const before = posterJobs()

    const { code, json } = cli<ImportOutcome[]>('import', file)

    expect(code).toBe(0)
    expect(json).toMatchObject([{ status: 'imported', type: 'audio' }])
    expect(posterJobs()).toBe(before)
  })
})
