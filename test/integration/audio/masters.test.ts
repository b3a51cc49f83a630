import { readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AudioItem, ImportOutcome } from '../../../src/shared/media'
import { makeDir } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import { makeChapteredAudio } from './audio-fixtures'
import { makeMaster, SILENCE, speechLike } from './master-fixtures'

describe('masters (WAV, FLAC, AIFF) and loudness', () => {
  const root = tempDir('castdesk-masters-')
  const files = makeDir(root, 'files')
  let t: TestLibrary
  const ann = () => t.as('ann')
  const imported = async (path: string): Promise<ImportOutcome> =>
    (await t.call('media.import', { paths: [path] }, ann()))[0] as ImportOutcome
  const show = async (id: number) => (await t.call('media.show', { id }, ann())) as AudioItem

  beforeAll(async () => {
    t = await openTestLibrary(join(root, 'library'))
  })

  it('imports WAV (16/24-bit, float, RF64, Wave64), FLAC and AIFF as the master of an Audio', async () => {
    const cases = [
      { name: 's16.wav', codec: 'pcm_s16le', muxer: 'wav', format: 'wav', bits: 16 },
      { name: 's24.wav', codec: 'pcm_s24le', muxer: 'wav', format: 'wav', bits: 24 },
      { name: 'float.wav', codec: 'pcm_f32le', muxer: 'wav', format: 'wav', bits: 32 },
      {
        name: 'big.wav',
        codec: 'pcm_s24le',
        muxer: 'wav',
        format: 'wav',
        bits: 24,
        extra: ['-rf64', 'always'],
      },
      { name: 'sony.w64', codec: 'pcm_s16le', muxer: 'w64', format: 'wav', bits: 16 },
      { name: 'lossless.flac', codec: 'flac', muxer: 'flac', format: 'flac', bits: 16 },
      { name: 'studio.aiff', codec: 'pcm_s16be', muxer: 'aiff', format: 'aiff', bits: 16 },
    ]
    for (const c of cases) {
      const path = makeMaster(join(files, c.name), {
        codec: c.codec,
        muxer: c.muxer,
        seconds: 3,
        extraArgs: c.extra,
        source: `sine=frequency=${300 + c.name.length * 10}:sample_rate=48000`,
      })
      const outcome = await imported(path)
      expect(outcome, c.name).toMatchObject({ status: 'imported', type: 'audio' })
      const audio = await show(outcome.id as number)
      expect(audio.files).toEqual([])
      expect(audio.duration_ms).toBeGreaterThanOrEqual(2990)
      expect(audio.master, c.name).toMatchObject({
        format: c.format,
        size: statSync(path).size,
        sample_rate: 48000,
        channels: 2,
        bit_depth: c.bits,
      })
      expect(audio.master?.key).toMatch(/^cast_audio\/masters\//)
      expect(Math.abs((audio.master?.duration_ms ?? 0) - 3000)).toBeLessThanOrEqual(20)
    }
  })

  it('joins a master and an MP3 with the same base name into one Audio, in either order', async () => {
    makeChapteredAudio(join(files, 'ep12.mp3'), 'mp3', { seconds: 4, chapters: false })
    makeMaster(join(files, 'ep12.wav'), { seconds: 4 })
    const mp3 = await imported(join(files, 'ep12.mp3'))
    const wav = await imported(join(files, 'ep12.wav'))
    expect(wav.id).toBe(mp3.id)
    const audio = await show(mp3.id as number)
    expect(audio.files.map((f) => f.format)).toEqual(['mp3'])
    expect(audio.master?.format).toBe('wav')
  })

  it('takes a FLAC named .wav for what its bytes are', async () => {
    makeMaster(join(files, 'mislabelled.wav'), { codec: 'flac', muxer: 'flac', seconds: 2 })
    const audio = await show((await imported(join(files, 'mislabelled.wav'))).id as number)
    expect(audio.master?.format).toBe('flac')
    expect(audio.master?.key).toMatch(/\.flac$/)
  })

  it('refuses a truncated WAV and a WAV with no samples, each with its reason, and stores nothing', async () => {
    const whole = readFileSync(makeMaster(join(files, 'whole.wav'), { seconds: 3 }))
    writeFileSync(join(files, 'cut.wav'), whole.subarray(0, Math.floor(whole.length / 2)))
    makeMaster(join(files, 'nothing.wav'), { seconds: 0 })
    const before = t.library.blobs.all().length
    const [cut, nothing] = (await t.call(
      'media.import',
      { paths: [join(files, 'cut.wav'), join(files, 'nothing.wav')] },
      ann(),
    )) as ImportOutcome[]
    expect(cut?.error?.code).toBe('corrupt_media')
    expect(cut?.error?.message).toMatch(/truncated/)
    expect(nothing?.error?.code).toBe('corrupt_media')
    expect(nothing?.error?.message).toMatch(/0 samples/)
    expect(t.library.blobs.all().length).toBe(before)
  })

  it('measures the loudness of every file in a background job; silence is silent_audio, not -inf', async () => {
    const loud = await imported(makeMaster(join(files, 'loud.wav'), { source: speechLike(0.5), seconds: 8 }))
    const quiet = await imported(makeMaster(join(files, 'quiet.wav'), { source: SILENCE, seconds: 4 }))
    expect((await t.call('jobs.run', {}, ann())).failed).toBe(0)
    const audio = await show(loud.id as number)
    const loudness = audio.master?.loudness
    expect(loudness?.silent).toBe(false)
    expect(loudness?.integrated_lufs).toBeGreaterThan(-30)
    expect(loudness?.integrated_lufs).toBeLessThan(-5)
    expect(loudness?.true_peak_dbtp).toBeLessThan(3)
    expect(loudness?.lra_lu).toBeGreaterThanOrEqual(0)
    const silent = await t.call('audio.loudness', { id: quiet.id as number }, ann())
    expect(silent.master?.loudness).toEqual({
      integrated_lufs: null,
      true_peak_dbtp: null,
      lra_lu: null,
      silent: true,
    })
    const joined = await t.call(
      'audio.loudness',
      { id: (await imported(join(files, 'ep12.mp3'))).id as number },
      ann(),
    )
    expect(joined.files[0]?.loudness?.integrated_lufs).toBeLessThan(0)
    expect(joined.master?.loudness?.integrated_lufs).toBeLessThan(0)
  })
})
