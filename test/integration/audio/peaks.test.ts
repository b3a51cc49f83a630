import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AudioPeaks } from '../../../src/shared/api/audio.api'
import type { JobInfo } from '../../../src/shared/media'
import { makeDir } from '../../helpers/media-fixtures'
import { runCli, runCliJson } from '../../helpers/run-cli'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import { makeChapteredAudio } from './audio-fixtures'
import { makeMaster, speechLike } from './master-fixtures'

describe('waveform peaks', () => {
  const root = tempDir('castdesk-audio-peaks-')
  const files = makeDir(root, 'files')
  let t: TestLibrary
  let id: number
  const ann = () => t.as('ann')

  beforeAll(async () => {
    makeChapteredAudio(join(files, 'stereo.mp3'), 'mp3', { seconds: 12, stereo: true, chapters: false })
    makeChapteredAudio(join(files, 'stereo.oga'), 'oga', { seconds: 12, stereo: true, chapters: false })
    t = await openTestLibrary(join(root, 'library'))
    id = (await t.call('media.import', { paths: [join(files, 'stereo.oga')] }, ann()))[0]?.id as number
  })

  it('are queued as a job when audio is imported, and the job computes them once', async () => {
    const jobs = (await t.call('jobs.list', {}, ann())) as JobInfo[]
    expect(jobs.filter((j) => j.kind === 'audio.peaks')).toHaveLength(1)
    expect((await t.call('jobs.run', {}, ann())).failed).toBe(0)
    const { computed } = await t.library.audio.peaks.ensure(t.as('ann').user.id, id)
    expect(computed).toBe(false)
  })

  it('are one mono channel of 8-bit min/max pairs, 20 a second, from a downmix', async () => {
    const peaks = await t.call('audio.peaks', { id }, ann())
    expect(peaks).toMatchObject({ id, format: 'oga', version: 2, channels: 1, bits: 8, sample_rate: 8000 })
    expect(peaks.samples_per_pixel).toBe(400)
    expect(Math.abs(peaks.length - 12 * 20)).toBeLessThanOrEqual(2)
    expect(peaks.data).toHaveLength(peaks.length * 2)
    // lavfi's sine has amplitude 1/8 (16 of 128 in 8 bits); the fixture's `-ac 2` upmix puts it in both
    // channels at -3 dB and the downmix averages them, so about 11: never silence, never clipped.
    const middle = peaks.data.slice(40, 400)
    expect(Math.max(...middle)).toBeGreaterThanOrEqual(9)
    expect(Math.max(...middle)).toBeLessThanOrEqual(18)
    expect(Math.min(...middle)).toBeLessThanOrEqual(-9)
    for (let i = 0; i < peaks.data.length; i += 2)
      expect(peaks.data[i]).toBeLessThanOrEqual(peaks.data[i + 1] as number)
  })

  it('are computed again from the new first file when it changes', async () => {
    await t.call('audio.addFile', { id, path: join(files, 'stereo.mp3') }, ann())
    const peaks = await t.call('audio.peaks', { id }, ann())
    expect(peaks.format).toBe('mp3')
    const { computed } = await t.library.audio.peaks.ensure(t.as('ann').user.id, id)
    expect(computed).toBe(false)
  })

  it('of an Audio with only a master come from the master, and from the MP3 once it is encoded', {
    timeout: 120_000,
  }, async () => {
    const master = makeMaster(join(files, 'recording.wav'), { source: speechLike(0.2), seconds: 12 })
    const masterId = (await t.call('media.import', { paths: [master] }, ann()))[0]?.id as number
    expect((await t.call('jobs.run', {}, ann())).failed).toBe(0)
    const fromMaster = await t.call('audio.peaks', { id: masterId }, ann())
    expect(fromMaster).toMatchObject({ id: masterId, format: 'wav', sample_rate: 8000 })
    expect(Math.abs(fromMaster.length - 12 * 20)).toBeLessThanOrEqual(2)
    expect(Math.max(...fromMaster.data.slice(40, 200))).toBeGreaterThan(0)
    await t.call('audio.encode', { id: masterId, formats: ['mp3'] }, ann())
    const fromMp3 = await t.call('audio.peaks', { id: masterId }, ann())
    expect(fromMp3.format).toBe('mp3')
    expect(Math.abs(fromMp3.length - fromMaster.length)).toBeLessThanOrEqual(2)
  })

  it('are served by `castdesk audio peaks ID --json`', () => {
    const library = t.library.dir
    t.library.close()
    const result = runCliJson<AudioPeaks>([
      '--library',
      library,
      '--user',
      'ann',
      'audio',
      'peaks',
      String(id),
    ])
    expect(result.code).toBe(0)
    expect(result.json).toMatchObject({ id, format: 'mp3', channels: 1 })
    const other = runCli(['--library', library, '--user', 'bob', 'audio', 'peaks', String(id)])
    expect(other.code).toBe(1)
    expect(other.stderr).toMatch(/\[not_found\]/)
  })
})
