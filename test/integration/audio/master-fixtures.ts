import { execFileSync } from 'node:child_process'
import { ffmpegPath } from '../../helpers/media-fixtures'

export interface MasterOptions {
  /** An ffmpeg lavfi source graph (default: a 440 Hz sine). */
  source?: string
  seconds?: number
  rate?: number
  channels?: number
  /** ffmpeg audio codec: pcm_s16le, pcm_s24le, pcm_f32le, flac, pcm_s16be (AIFF)… */
  codec?: string
  /** ffmpeg muxer: wav, flac, aiff, w64. */
  muxer?: string
  extraArgs?: string[]
}

/** A real master recording made by ffmpeg from a lavfi source. */
export function makeMaster(path: string, options: MasterOptions = {}): string {
  const seconds = options.seconds ?? 6
  const source = options.source ?? 'sine=frequency=440:sample_rate=48000'
  execFileSync(ffmpegPath(), [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    source,
    '-t',
    String(seconds),
    '-ar',
    String(options.rate ?? 48000),
    '-ac',
    String(options.channels ?? 2),
    '-c:a',
    options.codec ?? 'pcm_s24le',
    ...(options.extraArgs ?? []),
    '-f',
    options.muxer ?? 'wav',
    path,
  ])
  return path
}

/** Speech-like: pink noise in syllable-rate bursts, scaled by `gain` (linear). */
export function speechLike(gain: number): string {
  return `anoisesrc=color=pink:amplitude=${gain}:sample_rate=48000,tremolo=f=3.5:d=0.9,lowpass=f=5000`
}

/** A quiet tone with a loud click every second: plain gain to -16 LUFS would clip the clicks by far. */
export const QUIET_WITH_CLICKS =
  "aevalsrc='0.012*sin(2*PI*220*t)+if(lt(mod(t\\,1)\\,0.0006)\\,0.95\\,0)':sample_rate=48000"

/** Digital silence. */
export const SILENCE = 'anullsrc=channel_layout=stereo:sample_rate=48000'
