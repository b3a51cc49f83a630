import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { measureLoudness } from '../../../src/main/media/audio/loudness/loudness-executor'
import { ffmpegPath } from '../../helpers/media-fixtures'
import { tempDir } from '../../helpers/temp-dir'
import { makeMaster, QUIET_WITH_CLICKS, SILENCE, speechLike } from './master-fixtures'

/** Clicks that go over full scale in a float master (intersample peaks of about +1 dBTP and more). */
const OVERS = "aevalsrc='0.012*sin(2*PI*220*t)+if(lt(mod(t\\,1)\\,0.0006)\\,1.4\\,0)':sample_rate=48000"

const ENCODINGS: Record<string, string[]> = {
  mp3: ['-ar', '44100', '-c:a', 'libmp3lame', '-b:a', '128k'],
  m4a: ['-ar', '44100', '-c:a', 'aac', '-b:a', '128k'],
  opus: ['-ar', '48000', '-c:a', 'libopus', '-b:a', '64k'],
  'f32.wav': ['-ar', '44100', '-c:a', 'pcm_f32le'],
}

function encode(master: string, gainDb: number, extension: string, path: string): string {
  const args = ['-v', 'error', '-y', '-i', master, '-af', `volume=${gainDb}dB`]
  execFileSync(ffmpegPath(), [...args, ...(ENCODINGS[extension] as string[]), path])
  return path
}

describe('true peak from one interpolation to 192 kHz beside the loudness meter', () => {
  const root = tempDir('castdesk-true-peak-')
  const masters = [
    { name: 'quiet-speech', source: speechLike(0.02), gains: [0, 18] },
    { name: 'loud-speech', source: speechLike(0.9), gains: [-6, 0] },
    { name: 'clicks', source: QUIET_WITH_CLICKS, gains: [-3, 0, 3] },
    { name: 'overs', source: OVERS, gains: [0, 2] },
  ]

  for (const master of masters) {
    it(`reads the same loudness and true peak as ebur128=peak=true (${master.name}: masters and MP3, M4A, Opus, 44.1 kHz files)`, async () => {
      const source = makeMaster(join(root, `${master.name}.wav`), {
        source: master.source,
        seconds: 8,
        codec: 'pcm_f32le',
      })
      const files = [source]
      for (const gain of master.gains) {
        for (const extension of Object.keys(ENCODINGS)) {
          files.push(encode(source, gain, extension, join(root, `${master.name}${gain}.${extension}`)))
        }
      }
      for (const file of files) {
        const reference = await measureLoudness(ffmpegPath(), file, { label: file })
        const oversampled = await measureLoudness(ffmpegPath(), file, {
          label: file,
          truePeak: 'oversampled',
        })
        expect(reference.true_peak_dbtp, file).not.toBeNull()
        // Both print to 0.1 dB; ebur128 also resamples 44.1 kHz to 48 kHz first.
        expect(
          Math.abs((oversampled.true_peak_dbtp as number) - (reference.true_peak_dbtp as number)),
          file,
        ).toBeLessThanOrEqual(0.1 + 1e-9)
        expect({ ...oversampled, true_peak_dbtp: 0 }, file).toEqual({ ...reference, true_peak_dbtp: 0 })
      }
    }, 120_000)
  }

  it('reads a peak at or over +6 dBTP as +6, above any limit the check allows', async () => {
    const source = makeMaster(join(root, 'hot.wav'), { source: OVERS, seconds: 4, codec: 'pcm_f32le' })
    const hot = encode(source, 9, 'opus', join(root, 'hot.opus'))
    const reference = await measureLoudness(ffmpegPath(), hot, { label: 'hot' })
    const oversampled = await measureLoudness(ffmpegPath(), hot, { label: 'hot', truePeak: 'oversampled' })
    expect(reference.true_peak_dbtp).toBeGreaterThan(6)
    expect(oversampled.true_peak_dbtp).toBe(6)
  }, 60_000)

  it('calls digital silence silent', async () => {
    const silence = makeMaster(join(root, 'silence.wav'), { source: SILENCE, seconds: 3 })
    const measured = await measureLoudness(ffmpegPath(), silence, {
      label: 'silence',
      truePeak: 'oversampled',
    })
    expect(measured).toEqual({ integrated_lufs: null, true_peak_dbtp: null, lra_lu: null, silent: true })
  })
})
