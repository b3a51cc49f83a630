/**
 * Waveform peaks from mono signed 16-bit little-endian PCM: for every `samplesPerPeak` samples the
 * lowest and highest value, scaled to signed 8 bits. The JSON form is the one of BBC audiowaveform
 * (`version: 2`, interleaved `[min, max, …]`), which waveform components such as peaks.js read.
 * Pure: bytes in, numbers out.
 */

export const PEAKS_SAMPLE_RATE = 8000
/** 400 samples at 8 kHz: one min/max pair per 50 ms, 20 per second. */
export const SAMPLES_PER_PEAK = 400

export interface WaveformPeaks {
  version: 2
  channels: 1
  sample_rate: number
  samples_per_pixel: number
  bits: 8
  /** Number of min/max pairs. */
  length: number
  /** Interleaved minimum and maximum of each window, from -128 to 127. */
  data: number[]
}

export class PeakAccumulator {
  private readonly pairs: number[] = []
  private min = 0
  private max = 0
  private inWindow = 0
  private carry: number | null = null

  constructor(private readonly samplesPerPeak = SAMPLES_PER_PEAK) {
    if (!Number.isInteger(samplesPerPeak) || samplesPerPeak < 1) {
      throw new RangeError(`samplesPerPeak must be a positive whole number, not ${samplesPerPeak}.`)
    }
  }

  /** Takes the next bytes of the PCM stream; a sample split across two chunks is joined. */
  push(chunk: Uint8Array): void {
    let offset = 0
    if (this.carry !== null && chunk.length > 0) {
      this.sample(toInt16(this.carry | ((chunk[0] as number) << 8)))
      this.carry = null
      offset = 1
    }
    const end = chunk.length - ((chunk.length - offset) % 2)
    for (let i = offset; i < end; i += 2) {
      this.sample(toInt16((chunk[i] as number) | ((chunk[i + 1] as number) << 8)))
    }
    if (end < chunk.length) this.carry = chunk[end] as number
  }

  /** The min/max pairs, the last window included even when it is short. */
  finish(): Int8Array {
    if (this.inWindow > 0) this.flush()
    return Int8Array.from(this.pairs)
  }

  private sample(value: number): void {
    if (this.inWindow === 0) {
      this.min = value
      this.max = value
    } else if (value < this.min) this.min = value
    else if (value > this.max) this.max = value
    if (++this.inWindow === this.samplesPerPeak) this.flush()
  }

  private flush(): void {
    this.pairs.push(this.min >> 8, this.max >> 8)
    this.inWindow = 0
  }
}

function toInt16(value: number): number {
  return value >= 0x8000 ? value - 0x10000 : value
}

export function waveformPeaks(data: Int8Array, sampleRate: number, samplesPerPeak: number): WaveformPeaks {
  return {
    version: 2,
    channels: 1,
    sample_rate: sampleRate,
    samples_per_pixel: samplesPerPeak,
    bits: 8,
    length: Math.floor(data.length / 2),
    data: Array.from(data),
  }
}
