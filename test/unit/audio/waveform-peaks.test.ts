import { describe, expect, it } from 'vitest'
import { PeakAccumulator, waveformPeaks } from '../../../src/main/media/audio/peaks/waveform-peaks'

function pcm(samples: number[]): Buffer {
  const buffer = Buffer.alloc(samples.length * 2)
  samples.forEach((sample, i) => {
    buffer.writeInt16LE(sample, i * 2)
  })
  return buffer
}

describe('PeakAccumulator', () => {
  it('keeps the min and max of each window, scaled to 8 bits, and the short last window', () => {
    const peaks = new PeakAccumulator(4)
    peaks.push(pcm([0, 32767, -32768, 256, 512, -512, 100]))
    expect(Array.from(peaks.finish())).toEqual([-128, 127, -2, 2])
  })

  it('joins a sample split across two chunks', () => {
    const bytes = pcm([1000, -1000, 25_600, -25_600])
    const whole = new PeakAccumulator(2)
    whole.push(bytes)
    const split = new PeakAccumulator(2)
    for (const cut of [bytes.subarray(0, 3), bytes.subarray(3, 5), bytes.subarray(5)]) split.push(cut)
    expect(Array.from(split.finish())).toEqual(Array.from(whole.finish()))
    expect(Array.from(whole.finish())).toEqual([-4, 3, -100, 100])
  })

  it('gives nothing for silence of no length, and rejects a bad window', () => {
    expect(new PeakAccumulator().finish()).toHaveLength(0)
    expect(() => new PeakAccumulator(0)).toThrow(RangeError)
  })

  it('describes the peaks as audiowaveform JSON', () => {
    expect(waveformPeaks(Int8Array.from([-3, 4, -1, 1]), 8000, 400)).toEqual({
      version: 2,
      channels: 1,
      sample_rate: 8000,
      samples_per_pixel: 400,
      bits: 8,
      length: 2,
      data: [-3, 4, -1, 1],
    })
  })
})
