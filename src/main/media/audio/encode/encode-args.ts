import type { PlannedOutput } from './encode-plan'

export interface EncodeOutputSpec {
  planned: PlannedOutput
  /** A temporary path; the caller verifies it before it is stored. */
  path: string
  /** Global tags (ffmpeg names: title, artist, album, track, date, genre, comment). */
  tags: Readonly<Record<string, string>>
  /** A correction of this output's level in dB (an encoder that changed its loudness, measured). */
  trimDb: number
  /** Ogg `CHAPTERnnn` comments (Ogg has no chapter track ffmpeg can write). */
  oggComments: ReadonlyArray<readonly [string, string]>
}

/** One stream of processed audio the decoder writes, shared by the outputs of its rate. */
export interface PcmStream {
  sampleRate: number
  channels: 1 | 2
}

const WITH_PICTURE_AND_CHAPTERS = new Set(['mp3', 'm4a'])

/** The audio filter of an encode: float in the output layout, the gain, and a peak limiter when one is needed. */
export function encodeFilter(
  gainDb: number,
  limiterCeiling: number | null,
  layout: 'mono' | 'stereo',
): string {
  const limiter =
    limiterCeiling === null ? '' : `,alimiter=limit=${limiterCeiling}:attack=1:release=50:level=disabled`
  return `aformat=sample_fmts=fltp|flt|dbl:channel_layouts=${layout},volume=${gainDb}dB${limiter}`
}

/**
 * The decoding run: the source is decoded and processed once (layout, gain, limiter), resampled once
 * per output rate, split, and written as 32-bit float PCM to `pipe:3`, `pipe:4`, … (one per encoder,
 * in the order of `outputs`).
 */
export function decodeArgs(source: string, filter: string, outputs: readonly PcmStream[]): string[] {
  const rates = [...new Set(outputs.map((output) => output.sampleRate))]
  const chains: string[] = []
  const byRate = rates.length > 1
  if (byRate) chains.push(`[0:a:0]${filter},asplit=${rates.length}${rates.map((_, r) => `[r${r}]`).join('')}`)
  rates.forEach((rate, r) => {
    const members = outputs.flatMap((output, i) => (output.sampleRate === rate ? [`[p${i}]`] : []))
    const split = members.length > 1 ? `,asplit=${members.length}` : ''
    chains.push(`${byRate ? `[r${r}]` : `[0:a:0]${filter},`}aresample=${rate}${split}${members.join('')}`)
  })
  const args = ['-v', 'error', '-i', source, '-filter_complex', chains.join(';')]
  outputs.forEach((output, i) => {
    args.push('-map', `[p${i}]`, '-ac', String(output.channels), '-c:a', 'pcm_f32le', '-f', 'f32le')
    args.push(`pipe:${3 + i}`)
  })
  return args
}

export interface EncoderArgsInput {
  output: EncodeOutputSpec
  /** A JPEG for MP3 (APIC); M4A and Ogg get it after encoding. */
  cover: string | null
  /** An FFMETADATA file with the chapters, for MP3 and M4A. */
  chapters: string | null
}

/** One encoder run: float PCM from stdin to one format, with its trim, tags, chapters and cover. */
export function encoderArgs({ output, cover, chapters }: EncoderArgsInput): string[] {
  const { planned } = output
  const args = ['-v', 'error', '-y', '-f', 'f32le', '-ar', String(planned.sampleRate)]
  args.push('-ac', String(planned.channels), '-i', 'pipe:0')
  const rich = WITH_PICTURE_AND_CHAPTERS.has(planned.format)
  const withCover = planned.format === 'mp3' && cover !== null
  if (withCover) args.push('-i', cover)
  const chaptersIndex = rich && chapters ? (withCover ? 2 : 1) : -1
  if (chaptersIndex > 0) args.push('-i', chapters as string)
  if (output.trimDb !== 0) args.push('-af', `volume=${output.trimDb}dB`)
  args.push('-map', '0:a:0')
  if (withCover) args.push('-map', '1:v:0', '-c:v', 'copy', '-disposition:v:0', 'attached_pic')
  // Chapter titles come with the metadata of the chapters file (-map_metadata -1 would drop them too).
  const chapterSource = chaptersIndex > 0 ? String(chaptersIndex) : '-1'
  args.push('-map_metadata', chapterSource, '-map_chapters', chapterSource, ...planned.codecArgs)
  for (const [key, value] of Object.entries(output.tags)) args.push('-metadata', `${key}=${value}`)
  for (const [key, value] of output.oggComments) args.push('-metadata:s:a:0', `${key}=${value}`)
  switch (planned.format) {
    case 'mp3':
      if (withCover) args.push('-metadata:s:v:0', 'comment=Cover (front)')
      args.push('-id3v2_version', '3', '-write_id3v1', '0', '-f', 'mp3')
      break
    case 'm4a':
      args.push('-f', 'ipod', '-movflags', '+faststart')
      break
    default:
      args.push('-f', 'ogg')
  }
  args.push(output.path)
  return args
}
