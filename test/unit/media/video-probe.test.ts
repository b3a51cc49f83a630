import { describe, expect, it } from 'vitest'
import type { FfprobeResult, FfprobeStream } from '../../../src/main/media/tools/ffprobe'
import { posterAttempts } from '../../../src/main/media/video/poster-time'
import { interpretVideoProbe } from '../../../src/main/media/video/video-probe'

const video = (extra: Partial<FfprobeStream> = {}): FfprobeStream => ({
  index: 0,
  codec_type: 'video',
  codec_name: 'h264',
  width: 640,
  height: 360,
  sample_aspect_ratio: '1:1',
  ...extra,
})
const probe = (streams: FfprobeStream[], duration = '4.000000'): FfprobeResult => ({
  format: { duration },
  streams,
})
const matrix = (rotation: number) => ({ side_data_list: [{ side_data_type: 'Display Matrix', rotation }] })

describe('interpretVideoProbe (ffprobe JSON → display size)', () => {
  it.each([
    ['no rotation', {}, 640, 360, 0],
    ['display matrix -90 (ffprobe ≥ 5 for a phone video)', matrix(-90), 360, 640, 270],
    ['display matrix 90', matrix(90), 360, 640, 90],
    ['display matrix 180', matrix(180), 640, 360, 180],
    ['display matrix -90.00000250447816 (float noise)', matrix(-90.00000250447816), 360, 640, 270],
    ['rotate tag "90" (ffprobe ≤ 4)', { tags: { rotate: '90' } }, 360, 640, 90],
    ['rotate tag "270"', { tags: { rotate: '270' } }, 360, 640, 270],
    ['matrix wins over the tag', { ...matrix(0), tags: { rotate: '90' } }, 640, 360, 0],
    ['a tag that is not a number', { tags: { rotate: 'sideways' } }, 640, 360, 0],
  ])('%s', (_label, extra, width, height, rotation) => {
    const result = interpretVideoProbe(probe([video(extra)]), 'clip.mp4')
    expect(result).toMatchObject({ width, height, rotation })
    expect(result.orientation).toBe(width > height ? 'landscape' : 'portrait')
  })

  it('applies the sample aspect ratio before the rotation', () => {
    expect(interpretVideoProbe(probe([video({ sample_aspect_ratio: '4:3' })]), 'a')).toMatchObject({
      width: 853,
      height: 360,
    })
    expect(
      interpretVideoProbe(probe([video({ sample_aspect_ratio: '4:3', ...matrix(-90) })]), 'a'),
    ).toMatchObject({ width: 360, height: 853, orientation: 'portrait' })
    expect(interpretVideoProbe(probe([video({ sample_aspect_ratio: '0:1' })]), 'a').width).toBe(640)
  })

  it('reads duration and both codecs; square is square', () => {
    const result = interpretVideoProbe(
      probe([
        {
          index: 0,
          codec_type: 'video',
          codec_name: 'mjpeg',
          width: 300,
          height: 300,
          disposition: { attached_pic: 1 },
        },
        video({ codec_name: 'vp9', width: 480, height: 480 }),
        { index: 2, codec_type: 'audio', codec_name: 'opus' },
      ]),
      'a',
    )
    expect(result).toMatchObject({
      width: 480,
      height: 480,
      orientation: 'square',
      codec: 'vp9',
      audioCodec: 'opus',
      durationMs: 4000,
    })
    expect(interpretVideoProbe(probe([video()], 'N/A'), 'a')).toMatchObject({
      durationMs: null,
      audioCodec: null,
    })
  })

  it('refuses a file without a real video stream', () => {
    expect(() => interpretVideoProbe(probe([{ index: 0, codec_type: 'audio' }]), 'x.mp4')).toThrow(
      /x\.mp4 has no readable video stream/,
    )
  })
})

describe('posterAttempts', () => {
  it('takes the requested second first, then one second earlier, then the first frame', () => {
    expect(posterAttempts(1, 4000)).toEqual([1, 0])
    expect(posterAttempts(2.5, 4000)).toEqual([2.5, 1.5, 0])
    expect(posterAttempts(0, 4000)).toEqual([0])
  })

  it('clamps into the duration, short of the very end', () => {
    expect(posterAttempts(10, 2000)).toEqual([1.9, 0.9, 0])
    expect(posterAttempts(10, 50)).toEqual([0])
    expect(posterAttempts(-3, 2000)).toEqual([0])
    expect(posterAttempts(7, null)).toEqual([7, 6, 0])
  })
})
