import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ImportOutcome, JobInfo, VideoItem } from '../../../src/shared/media'
import { snapshotLibrary } from '../../helpers/library-snapshot'
import { makeAudio } from '../../helpers/media-fixtures'
import { runCli, runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'
import { isColour, makeStepVideo, meanColour, pixelSize } from './video-fixtures'

interface RecalcJson {
  processed: number
  errors: number
  failures: { id: number; code: string; message: string }[]
}

describe('castdesk video poster and recalc_video_posters', () => {
  const root = tempDir()
  const library = join(root, 'library')
  const env = { CASTDESK_USER: 'alice' }
  const cli = (...args: string[]) => runCli(['--library', library, ...args], env)
  const json = <T>(...args: string[]) => runCliJson<T>(['--library', library, ...args], env)
  const show = (id: number) => json<VideoItem>('show', String(id)).json
  const ids: Record<string, number> = {}

  beforeAll(() => {
    expect(cli('init').code).toBe(0)
    const steps = [
      { colour: 'red' as const, seconds: 1.5 },
      { colour: 'lime' as const, seconds: 1 },
      { colour: 'blue' as const, seconds: 1.5 },
    ]
    makeStepVideo(join(root, 'episode.mp4'), { codec: 'h264', width: 640, height: 360, steps })
    makeStepVideo(join(root, 'teaser.webm'), { codec: 'vp9', width: 360, height: 640, steps })
    // An MP4 holding only sound: imported as audio, so it has no poster.
    makeAudio(join(root, 'interview.mp4'), 'm4a', { seconds: 2 })
    const imported = json<ImportOutcome[]>(
      'import',
      '--no-jobs',
      ...['episode.mp4', 'teaser.webm', 'interview.mp4'].map((f) => join(root, f)),
    )
    expect(imported.code).toBe(0)
    for (const outcome of imported.json) ids[outcome.path.split('/').at(-1) as string] = outcome.id as number
  })

  it('imports an audio-only MP4 as audio and queues posters only for the videos', () => {
    expect(json<{ type: string; mime?: string }>('show', String(ids['interview.mp4'])).json).toMatchObject({
      type: 'audio',
      files: [{ format: 'm4a', mime: 'audio/mp4' }],
    })
    const jobs = json<JobInfo[]>('jobs', '--state', 'queued').json
    expect(jobs.filter((j) => j.kind === 'video.poster')).toHaveLength(2)
    expect(show(ids['episode.mp4'] as number).poster).toBeNull()
  })

  it('recalc_video_posters makes the missing posters and prints processed=N errors=M', () => {
    const first = cli('recalc_video_posters')
    expect(first).toMatchObject({ code: 0, stdout: 'processed=2 errors=0\n' })
    expect(cli('recalc_video_posters').stdout).toBe('processed=0 errors=0\n')
    const all = json<RecalcJson>('recalc_video_posters', '--all')
    expect(all).toMatchObject({ code: 0, json: { processed: 2, errors: 0, failures: [] } })
  })

  it('show --json adds duration_ms, mime and poster {path, width, height, seconds}', async () => {
    const video = show(ids['episode.mp4'] as number)
    expect(video).toMatchObject({ mime: 'video/mp4', width: 640, height: 360, poster_seconds: 1 })
    expect(video.duration_ms).toBeGreaterThanOrEqual(3900)
    expect(video.poster).toMatchObject({ width: 640, height: 360, seconds: 1 })
    expect(video.poster?.path).toMatch(/media\/cast_videos\/poster\/poster_episode(_\w+)?\.jpg$/)
    expect(await pixelSize(video.poster?.path as string)).toEqual({ width: 640, height: 360 })
    expect(show(ids['teaser.webm'] as number)).toMatchObject({ mime: 'video/webm', poster: { width: 360 } })
  })

  it('video poster --seconds replaces the poster: same image, new file, old file and renditions gone', async () => {
    const id = ids['episode.mp4'] as number
    const before = show(id).poster as NonNullable<VideoItem['poster']>
    const rendition = json<{ path: string }>('image', 'rendition', String(before.image_id), 'width-100')
    expect(rendition.code).toBe(0)
    expect(existsSync(rendition.json.path)).toBe(true)

    const made = json<{ poster: NonNullable<VideoItem['poster']>; replaced: boolean }>(
      'video',
      'poster',
      String(id),
      '--seconds',
      '2',
    )

    expect(made.code).toBe(0)
    expect(made.json).toMatchObject({ replaced: true, poster: { image_id: before.image_id, seconds: 2 } })
    const after = show(id)
    expect(after).toMatchObject({ poster_seconds: 2, poster: made.json.poster })
    expect(after.poster?.path).not.toBe(before.path)
    expect(existsSync(before.path as string)).toBe(false)
    expect(existsSync(rendition.json.path)).toBe(false)
    expect(isColour(await meanColour(after.poster?.path as string), 'lime')).toBe(true)
    const text = cli('video', 'poster', String(id), '--seconds', '3.25')
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/^poster of #\d+ replaced: 640×360 at 3\.25 s → .+poster_episode.*\.jpg/)
  })

  it.each([
    ['-1', 'negative'],
    ['abc', 'not a number'],
    ['1,5', 'a comma'],
    ['', 'empty'],
    ['Infinity', 'infinite'],
  ])('refuses --seconds %s (%s) with a usage error and changes nothing', (seconds) => {
    const before = snapshotLibrary(library)
    const result = cli('video', 'poster', String(ids['episode.mp4']), '--seconds', seconds)
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(
      /is not a time: give the second of the video to show as a number, 0 or more/,
    )
    expect(snapshotLibrary(library)).toBe(before)
  })

  it('refuses a poster for the audio-only MP4, naming what it is, and changes nothing', () => {
    const before = snapshotLibrary(library)
    const result = json<{ error: { code: string; message: string } }>(
      'video',
      'poster',
      String(ids['interview.mp4']),
    )
    expect(result.code).toBe(1)
    expect(result.json.error.code).toBe('unsupported_media')
    expect(result.json.error.message).toMatch(/is audio .*not a video/)
    expect(snapshotLibrary(library)).toBe(before)
  })

  it("treats another user's video as not found and changes nothing", () => {
    expect(cli('users', 'add', 'bob').code).toBe(0)
    const before = snapshotLibrary(library)
    const result = runCliJson<{ error: { code: string } }>(
      [
        '--library',
        library,
        '--user',
        'bob',
        'video',
        'poster',
        String(ids['episode.mp4']),
        '--seconds',
        '1',
      ],
      env,
    )
    expect(result).toMatchObject({ code: 1, json: { error: { code: 'not_found' } } })
    expect(snapshotLibrary(library)).toBe(before)
  })

  it('a damaged video: a clear error, the old poster kept; recalc goes on and counts the error', () => {
    const id = ids['teaser.webm'] as number
    const video = show(id)
    writeFileSync(video.file.path as string, Buffer.alloc(video.file.size, 0x5a))
    const before = snapshotLibrary(library)

    const result = json<{ error: { code: string; message: string } }>('video', 'poster', String(id))

    expect(result.code).toBe(1)
    expect(result.json.error.code).toBe('corrupt_media')
    expect(result.json.error.message).toMatch(/^No poster could be made from teaser\.webm: .*re-export/)
    expect(snapshotLibrary(library)).toBe(before)
    expect(existsSync(video.poster?.path as string)).toBe(true)

    const recalc = cli('recalc_video_posters', '--all')
    expect(recalc.code).toBe(1)
    expect(recalc.stdout).toBe('processed=2 errors=1\n')
    expect(recalc.stderr).toMatch(new RegExp(`^#${id}: No poster could be made .*\\[corrupt_media\\]`, 'm'))
    const asJson = json<RecalcJson>('recalc_video_posters', '--all')
    expect(asJson.json).toMatchObject({ processed: 2, errors: 1, failures: [{ id, code: 'corrupt_media' }] })
  })
})
