import { CastdeskError } from '../../../shared/errors'
import type { MasterFormat } from '../detect'
import { type FfprobeResult, secondsToMs } from '../tools/ffprobe'

export interface MasterProbe {
  codec: string
  sampleRate: number
  channels: number
  bitDepth: number | null
  durationMs: number
}

const CODECS: Record<MasterFormat, RegExp> = {
  wav: /^pcm_(s16le|s24le|s32le|f32le|f64le|u8|s16be|s24be|s32be|f32be)$/,
  flac: /^flac$/,
  aiff: /^pcm_(s8|s16be|s24be|s32be|f32be|f64be|s16le)$/,
}

/** Sample rate, channels, bit depth and duration of a master; one that holds no audio is refused. */
export function interpretMasterProbe(probe: FfprobeResult, format: MasterFormat, label: string): MasterProbe {
  const stream = (probe.streams ?? []).find((s) => s.codec_type === 'audio')
  if (!stream?.codec_name) {
    throw new CastdeskError('corrupt_media', `${label} has no readable audio stream. Export it again.`)
  }
  if (!CODECS[format].test(stream.codec_name)) {
    throw new CastdeskError(
      'unsupported_media',
      `${label} is a ${format.toUpperCase()} file holding ${stream.codec_name} audio; a master must be PCM (16/24/32-bit, float) or FLAC. Export it as 24-bit WAV.`,
    )
  }
  const sampleRate = Number(stream.sample_rate)
  const channels = stream.channels ?? 0
  if (!(sampleRate > 0) || channels < 1) {
    throw new CastdeskError(
      'corrupt_media',
      `${label} does not say its sample rate or channels. Export it again.`,
    )
  }
  const durationMs = secondsToMs(probe.format?.duration) ?? secondsToMs(stream.duration)
  if (!durationMs) {
    throw new CastdeskError(
      'corrupt_media',
      `${label} holds no audio (0 samples): the recording was stopped before it started or not saved. Export it again.`,
    )
  }
  return { codec: stream.codec_name, sampleRate, channels, bitDepth: bitDepthOf(stream), durationMs }
}

function bitDepthOf(stream: NonNullable<FfprobeResult['streams']>[number]): number | null {
  const raw = Number(stream.bits_per_raw_sample)
  if (raw > 0) return raw
  if (stream.bits_per_sample && stream.bits_per_sample > 0) return stream.bits_per_sample
  const fromName = /(\d+)(le|be)?$/.exec(stream.codec_name ?? '')
  return fromName ? Number(fromName[1]) : null
}

/**
 * How a RIFF WAV's `data` chunk compares with the bytes present: `truncated` when its header
 * promises more than the file holds (a copy cut short, a recorder that crashed), `empty` when it
 * holds no sample, null when fine or not decidable from the first bytes (RF64/W64, streamed sizes).
 */
export function wavDataProblem(header: Buffer, fileSize: number): 'truncated' | 'empty' | null {
  if (header.toString('latin1', 0, 4) !== 'RIFF' || header.toString('latin1', 8, 12) !== 'WAVE') return null
  let offset = 12
  while (offset + 8 <= header.length) {
    const id = header.toString('latin1', offset, offset + 4)
    const size = header.readUInt32LE(offset + 4)
    if (id === 'data') {
      if (size === 0xffffffff) return null
      if (size === 0) return fileSize > offset + 8 ? null : 'empty'
      return size > fileSize - (offset + 8) ? 'truncated' : null
    }
    offset += 8 + size + (size % 2)
  }
  return null
}
