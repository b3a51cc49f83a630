import type { AudioEncodingConfig } from '../../../../shared/config-schema'
import type { AudioFormatName } from '../../../../shared/media'

export interface EncodeSource {
  sampleRate: number
  channels: number
  integratedLufs: number
  truePeakDbtp: number
  /** A delivery file re-encoded because the Audio has no master. */
  lossy: boolean
}

export interface EncodeRequest {
  formats: readonly AudioFormatName[]
  targetLufs: number
  truePeakDbtp: number
}

export interface PlannedOutput {
  format: AudioFormatName
  sampleRate: number
  channels: 1 | 2
  /** ffmpeg encoder and muxer arguments (after -map, before the metadata). */
  codecArgs: string[]
  extension: string
  mime: string
}

export interface EncodePlan {
  gainDb: number
  /** `gain`: one volume change; `gain+limiter`: a peak limiter after it, where plain gain would break the peak. */
  method: 'gain' | 'gain+limiter'
  /** Linear ceiling of the limiter (sample peak before encoding), when there is one. */
  limiterCeiling: number | null
  /** The channel layout every output gets, converted once before the gain (a 5.1 master is mixed down). */
  layout: 'mono' | 'stereo'
  outputs: PlannedOutput[]
  warnings: string[]
}

/**
 * Lossy encoders overshoot the peak of what they are given (pre-echo, band limits): a true peak this
 * far below the limit before encoding lands at or below it after. Measured with the bundled
 * LAME, AAC and Opus encoders on speech, clicks and heavily limited noise (Opus overshoots most).
 */
export const CODEC_PEAK_HEADROOM_DB: Record<AudioFormatName, number> = {
  mp3: 1.5,
  m4a: 1.5,
  oga: 1.5,
  opus: 2.5,
}

const FORMAT_DETAILS: Record<AudioFormatName, { extension: string; mime: string }> = {
  mp3: { extension: 'mp3', mime: 'audio/mpeg' },
  m4a: { extension: 'm4a', mime: 'audio/mp4' },
  oga: { extension: 'oga', mime: 'audio/ogg' },
  opus: { extension: 'opus', mime: 'audio/opus' },
}

/** Whether the source's channels change before encoding, so its loudness must be measured after that. */
export function changesLayout(channels: number, config: AudioEncodingConfig): boolean {
  return channels > 2 || (channels === 1 && !config.monoWhenMasterMono)
}

/** The filter that converts a source to the layout of its outputs (measured and encoded alike). */
export function layoutFilter(channels: number, config: AudioEncodingConfig): string {
  return `aformat=channel_layouts=${channels === 1 && config.monoWhenMasterMono ? 'mono' : 'stereo'}`
}

/** What to do to a source so every format lands at the target loudness under the peak limit. */
export function planEncode(
  source: EncodeSource,
  request: EncodeRequest,
  config: AudioEncodingConfig,
): EncodePlan {
  const gainDb = round2(request.targetLufs - source.integratedLufs)
  const headroomDb = Math.max(0, ...request.formats.map((format) => CODEC_PEAK_HEADROOM_DB[format]))
  const ceilingDb = request.truePeakDbtp - headroomDb
  const limited = source.truePeakDbtp + gainDb > ceilingDb
  const warnings: string[] = []
  if (source.lossy) {
    warnings.push(
      'This Audio has no master, so its best existing file was re-encoded: a lossy copy of a lossy file loses some quality. Import the WAV or FLAC recording for the best result.',
    )
  }
  if (source.channels > 2) {
    warnings.push(`The master has ${source.channels} channels; it was mixed down to stereo.`)
  }
  const mono = source.channels === 1 && config.monoWhenMasterMono
  const channels: 1 | 2 = mono ? 1 : 2
  const outputs = [...new Set(request.formats)].map((format) => ({
    format,
    channels,
    ...FORMAT_DETAILS[format],
    ...codecFor(format, config, source.sampleRate),
  }))
  return {
    gainDb,
    method: limited ? 'gain+limiter' : 'gain',
    limiterCeiling: limited ? round4(10 ** (ceilingDb / 20)) : null,
    layout: mono ? 'mono' : 'stereo',
    outputs,
    warnings,
  }
}

function codecFor(
  format: AudioFormatName,
  config: AudioEncodingConfig,
  sourceRate: number,
): { sampleRate: number; codecArgs: string[] } {
  switch (format) {
    case 'mp3':
      return {
        sampleRate: config.mp3SampleRate,
        codecArgs: ['-c:a', 'libmp3lame', '-b:a', `${config.mp3BitrateKbps}k`, '-abr', '0'],
      }
    case 'm4a':
      return {
        sampleRate: sourceRate >= 44100 ? 44100 : Math.max(sourceRate, 8000),
        codecArgs: ['-c:a', 'aac', '-b:a', `${config.aacBitrateKbps}k`],
      }
    case 'opus':
      return {
        sampleRate: 48000,
        codecArgs: ['-c:a', 'libopus', '-b:a', `${config.opusBitrateKbps}k`, '-application', 'audio'],
      }
    case 'oga':
      return {
        sampleRate: sourceRate >= 44100 ? 44100 : Math.max(sourceRate, 8000),
        codecArgs: ['-c:a', 'libvorbis', '-q:a', String(config.vorbisQuality)],
      }
  }
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000
}
