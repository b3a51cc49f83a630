import { describe, expect, it } from 'vitest'
import { decodeArgs, encodeFilter, encoderArgs } from '../../../src/main/media/audio/encode/encode-args'
import { planEncode } from '../../../src/main/media/audio/encode/encode-plan'
import { parseEbur128Summary } from '../../../src/main/media/audio/loudness/ebur128-summary.codec'
import { loudnessArgs } from '../../../src/main/media/audio/loudness/loudness-executor'
import { parseTruePeak, TRUE_PEAK_FILTER } from '../../../src/main/media/audio/loudness/true-peak.codec'
import { wavDataProblem } from '../../../src/main/media/audio/master-probe'
import { audioEncodingSchema } from '../../../src/shared/config-schema'

const config = audioEncodingSchema.parse({})

const SUMMARY = `[Parsed_ebur128_0 @ 0x5232040] Summary:

  Integrated loudness:
    I:         -21.8 LUFS
    Threshold: -31.8 LUFS

  Loudness range:
    LRA:         3.4 LU
    Threshold: -41.8 LUFS

  True peak:
    Peak:      -18.1 dBFS`

describe('ebur128 summary', () => {
  it('reads integrated loudness, range and true peak', () => {
    expect(parseEbur128Summary(`frame lines\n${SUMMARY}\n`)).toEqual({
      integrated_lufs: -21.8,
      true_peak_dbtp: -18.1,
      lra_lu: 3.4,
      silent: false,
    })
  })

  it('calls digital silence silent, with no numbers to compute with', () => {
    const silence = SUMMARY.replace('-21.8 LUFS', '-70.0 LUFS').replace('-18.1 dBFS', '-inf dBFS')
    expect(parseEbur128Summary(silence)).toEqual({
      integrated_lufs: null,
      true_peak_dbtp: null,
      lra_lu: null,
      silent: true,
    })
  })

  it('returns null for a log without a complete summary', () => {
    expect(parseEbur128Summary('Input #0, wav\n')).toBeNull()
    expect(parseEbur128Summary('Summary:\n  Integrated loudness:\n')).toBeNull()
  })
})

describe('encode plan', () => {
  const request = { formats: ['mp3', 'm4a'] as const, targetLufs: -16, truePeakDbtp: -1 }
  it('uses plain gain when the peak stays under the limit less the codec headroom', () => {
    const plan = planEncode(
      { sampleRate: 48000, channels: 2, integratedLufs: -30, truePeakDbtp: -20, lossy: false },
      { ...request, formats: [...request.formats] },
      config,
    )
    expect(plan).toMatchObject({
      gainDb: 14,
      method: 'gain',
      limiterCeiling: null,
      layout: 'stereo',
      warnings: [],
    })
    expect(plan.outputs.map((o) => [o.format, o.sampleRate, o.channels])).toEqual([
      ['mp3', 44100, 2],
      ['m4a', 44100, 2],
    ])
  })

  it('adds a limiter where plain gain would break the peak', () => {
    const plan = planEncode(
      { sampleRate: 48000, channels: 2, integratedLufs: -40, truePeakDbtp: -1, lossy: false },
      { ...request, formats: ['mp3'] },
      config,
    )
    expect(plan.method).toBe('gain+limiter')
    expect(plan.limiterCeiling).toBeCloseTo(10 ** (-2.5 / 20), 3)
  })

  it('mixes 6 channels down to stereo, keeps mono mono, and warns about a lossy source', () => {
    const six = planEncode(
      { sampleRate: 48000, channels: 6, integratedLufs: -20, truePeakDbtp: -10, lossy: true },
      { ...request, formats: ['opus'] },
      config,
    )
    expect(six.layout).toBe('stereo')
    expect(six.warnings.join(' ')).toMatch(/lossy.*6 channels/s)
    expect(six.outputs[0]).toMatchObject({ format: 'opus', sampleRate: 48000, channels: 2 })
    const mono = planEncode(
      { sampleRate: 8000, channels: 1, integratedLufs: -20, truePeakDbtp: -10, lossy: false },
      { ...request, formats: ['m4a'] },
      config,
    )
    expect(mono.layout).toBe('mono')
    expect(mono.outputs[0]).toMatchObject({ sampleRate: 8000, channels: 1 })
  })
})

describe('encode arguments', () => {
  it('decode once into float PCM resampled once per rate; one encoder per format with its trim, tags, chapters and cover', () => {
    const plan = planEncode(
      { sampleRate: 48000, channels: 2, integratedLufs: -30, truePeakDbtp: -20, lossy: false },
      { formats: ['mp3', 'm4a', 'opus'], targetLufs: -16, truePeakDbtp: -1 },
      config,
    )
    const decode = decodeArgs('in.wav', encodeFilter(plan.gainDb, null, plan.layout), plan.outputs)
    expect(decode.filter((a) => a === '-i')).toHaveLength(1)
    // Resampled once per rate (MP3 and M4A share 44.1 kHz), then one pipe per encoder.
    expect(decode[decode.indexOf('-filter_complex') + 1]).toBe(
      '[0:a:0]aformat=sample_fmts=fltp|flt|dbl:channel_layouts=stereo,volume=14dB,asplit=2[r0][r1];' +
        '[r0]aresample=44100,asplit=2[p0][p1];[r1]aresample=48000[p2]',
    )
    expect(decode.slice(-9)).toEqual([
      '-map',
      '[p2]',
      '-ac',
      '2',
      '-c:a',
      'pcm_f32le',
      '-f',
      'f32le',
      'pipe:5',
    ])
    const single = decodeArgs('in.wav', 'anull', plan.outputs.slice(0, 1))
    expect(single[single.indexOf('-filter_complex') + 1]).toBe('[0:a:0]anull,aresample=44100[p0]')
    const encoder = (i: number) =>
      encoderArgs({
        output: {
          planned: plan.outputs[i] as (typeof plan.outputs)[number],
          path: `out${i}`,
          tags: { title: 'T' },
          trimDb: i === 0 ? 0.5 : 0,
          oggComments: i === 2 ? [['CHAPTER001', '00:00:00.000']] : [],
        },
        cover: 'cover.jpg',
        chapters: 'chapters.ffmeta',
      })
    expect(encoder(0)).toEqual(
      expect.arrayContaining(['pipe:0', 'volume=0.5dB', '1:v:0', 'attached_pic', '-map_chapters', '2']),
    )
    expect(encoder(0)).toContain('libmp3lame')
    expect(encoder(1)).not.toContain('cover.jpg')
    expect(encoder(1)).not.toContain('-af')
    expect(encoder(1)).toEqual(expect.arrayContaining(['-map_chapters', '1', 'ipod']))
    expect(encoder(2)).toEqual(
      expect.arrayContaining(['48000', '-map_chapters', '-1', 'CHAPTER001=00:00:00.000', 'libopus']),
    )
    expect(encoder(2)).not.toContain('chapters.ffmeta')
  })
})

describe('WAV data chunk', () => {
  const wav = (dataSize: number, present: number) => {
    const header = Buffer.alloc(44)
    header.write('RIFF', 0, 'latin1')
    header.writeUInt32LE(Math.min(0xffffffff, 36 + dataSize), 4)
    header.write('WAVEfmt ', 8, 'latin1')
    header.writeUInt32LE(16, 16)
    header.write('data', 36, 'latin1')
    header.writeUInt32LE(dataSize, 40)
    return { header, size: 44 + present }
  }
  it('finds a header that promises more audio than the file holds, and a WAV with no samples', () => {
    const cut = wav(1000, 400)
    expect(wavDataProblem(cut.header, cut.size)).toBe('truncated')
    const empty = wav(0, 0)
    expect(wavDataProblem(empty.header, empty.size)).toBe('empty')
    const whole = wav(1000, 1000)
    expect(wavDataProblem(whole.header, whole.size)).toBeNull()
    const streamed = wav(0xffffffff, 1000)
    expect(wavDataProblem(streamed.header, streamed.size)).toBeNull()
  })
})

describe('true peak reading and measuring arguments', () => {
  it('reads volumedetect 6 dB below the true peak; silence is null, a log without it undefined', () => {
    expect(parseTruePeak('[Parsed_volumedetect_5 @ 0x1] max_volume: -8.2 dB\n')).toBe(-2.2)
    expect(parseTruePeak('max_volume: -0.0 dB')).toBe(6)
    expect(parseTruePeak('max_volume: -91.0 dB')).toBeNull()
    expect(parseTruePeak('Summary:')).toBeUndefined()
  })

  it('applies the layout filter before both meters', () => {
    const graph = loudnessArgs('in.wav', {
      preFilter: 'aformat=channel_layouts=stereo',
      truePeak: 'oversampled',
    })
    expect(graph.join(' ')).toContain(
      `[0:a:0]aformat=channel_layouts=stereo,asplit=2[l][p];[l]ebur128=framelog=verbose[m];[p]${TRUE_PEAK_FILTER}[t]`,
    )
    expect(loudnessArgs('in.wav', { preFilter: 'aformat=channel_layouts=stereo' })).toContain(
      'aformat=channel_layouts=stereo,ebur128=peak=true:framelog=verbose',
    )
  })
})
