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

export interface EncodeArgsInput {
  source: string
  /** A JPEG for MP3 (APIC); M4A gets it after encoding (see mp4-cover.codec). */
  cover: string | null
  /** An FFMETADATA file with the chapters, for MP3 and M4A. */
  chapters: string | null
  /** The filters every output shares: the source is decoded and processed once, then split. */
  filter: string
  outputs: readonly EncodeOutputSpec[]
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
 * One ffmpeg run that decodes the source once, applies the shared filter, splits the result and
 * encodes every format from it (the outputs are written side by side as the audio streams through).
 */
export function encodeArgs(input: EncodeArgsInput): string[] {
  const args = ['-v', 'error', '-y', '-i', input.source]
  let next = 1
  const coverIndex = input.cover ? next++ : -1
  if (input.cover) args.push('-i', input.cover)
  const chaptersIndex = input.chapters ? next++ : -1
  if (input.chapters) args.push('-i', input.chapters)
  const count = input.outputs.length
  const labels = input.outputs.map((_, i) => `[s${i}]`).join('')
  const split = count > 1 ? `,asplit=${count}${labels}` : labels
  const trims = input.outputs.map(
    (output, i) => `[s${i}]${output.trimDb === 0 ? 'anull' : `volume=${output.trimDb}dB`}[o${i}]`,
  )
  args.push('-filter_complex', [`[0:a:0]${input.filter}${split}`, ...trims].join(';'))
  input.outputs.forEach((output, i) => {
    const { planned } = output
    const rich = WITH_PICTURE_AND_CHAPTERS.has(planned.format)
    args.push('-map', `[o${i}]`)
    if (planned.format === 'mp3' && coverIndex > 0) {
      args.push('-map', `${coverIndex}:v:0`, '-c:v', 'copy', '-disposition:v:0', 'attached_pic')
    }
    // Chapter titles come with the metadata of the chapters file (-map_metadata -1 would drop them too).
    const chapterSource = rich && chaptersIndex > 0 ? String(chaptersIndex) : '-1'
    args.push('-map_metadata', chapterSource, '-map_chapters', chapterSource)
    args.push('-ar', String(planned.sampleRate), '-ac', String(planned.channels), ...planned.codecArgs)
    for (const [key, value] of Object.entries(output.tags)) args.push('-metadata', `${key}=${value}`)
    for (const [key, value] of output.oggComments) args.push('-metadata:s:a:0', `${key}=${value}`)
    switch (planned.format) {
      case 'mp3':
        if (coverIndex > 0) args.push('-metadata:s:v:0', 'comment=Cover (front)')
        args.push('-id3v2_version', '3', '-write_id3v1', '0', '-f', 'mp3')
        break
      case 'm4a':
        args.push('-f', 'ipod', '-movflags', '+faststart')
        break
      default:
        args.push('-f', 'ogg')
    }
    args.push(output.path)
  })
  return args
}
