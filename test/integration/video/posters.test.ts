import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ImageItem, VideoItem } from '../../../src/shared/media'
import { tempDir } from '../../helpers/temp-dir'
import { openTestLibrary, type TestLibrary } from '../../helpers/test-library'
import {
  type Colour,
  isColour,
  makeStepVideo,
  meanColour,
  pixelSize,
  withRotationFlag,
} from './video-fixtures'

/** red until 1.5 s, lime until 2.5 s, blue until 4 s: the default poster (1 s) is red, 2 s is lime. */
const STEPS: { colour: Colour; seconds: number }[] = [
  { colour: 'red', seconds: 1.5 },
  { colour: 'lime', seconds: 1 },
  { colour: 'blue', seconds: 1.5 },
]

interface Case {
  name: string
  file: string
  display: { width: number; height: number; orientation: VideoItem['orientation'] }
  mime: string
  codec: string
}

describe('video probe and posters (generated videos, through the engine)', () => {
  const root = tempDir()
  let t: TestLibrary
  const alice = () => t.as('alice')
  const ids = new Map<string, number>()
  const show = async (id: number) => (await t.call('media.show', { id }, alice())) as VideoItem

  const cases: Case[] = [
    {
      name: '640×360 H.264',
      file: 'landscape.mp4',
      display: { width: 640, height: 360, orientation: 'landscape' },
      mime: 'video/mp4',
      codec: 'h264',
    },
    {
      name: '360×640 VP9',
      file: 'portrait.webm',
      display: { width: 360, height: 640, orientation: 'portrait' },
      mime: 'video/webm',
      codec: 'vp9',
    },
    {
      name: '640×360 with a 90° rotation flag',
      file: 'rotated.mp4',
      display: { width: 360, height: 640, orientation: 'portrait' },
      mime: 'video/mp4',
      codec: 'h264',
    },
    {
      name: '640×360 with 4:3 pixels (non-square sample aspect ratio)',
      file: 'anamorphic.mp4',
      display: { width: 853, height: 360, orientation: 'landscape' },
      mime: 'video/mp4',
      codec: 'h264',
    },
  ]

  beforeAll(async () => {
    t = await openTestLibrary(join(root, 'lib'))
    const dir = root
    makeStepVideo(join(dir, 'landscape.mp4'), { codec: 'h264', width: 640, height: 360, steps: STEPS })
    makeStepVideo(join(dir, 'portrait.webm'), { codec: 'vp9', width: 360, height: 640, steps: STEPS })
    const unrotated = makeStepVideo(join(dir, 'unrotated.mov'), {
      codec: 'h264',
      width: 640,
      height: 360,
      steps: STEPS,
      whiteLowerHalf: true,
    })
    withRotationFlag(unrotated, join(dir, 'rotated.mp4'), 90)
    makeStepVideo(join(dir, 'anamorphic.mp4'), {
      codec: 'h264',
      width: 640,
      height: 360,
      steps: STEPS,
      sar: '4/3',
    })
    makeStepVideo(join(dir, 'short.mp4'), {
      codec: 'h264',
      width: 640,
      height: 360,
      steps: [
        { colour: 'red', seconds: 1.5 },
        { colour: 'blue', seconds: 0.5 },
      ],
    })
    const files = [...cases.map((c) => c.file), 'short.mp4'].map((f) => join(dir, f))
    const outcomes = await t.call('media.import', { paths: files }, alice())
    for (const outcome of outcomes) {
      expect(outcome, JSON.stringify(outcome)).toMatchObject({ status: 'imported', type: 'video' })
      ids.set(outcome.path.split('/').at(-1) as string, outcome.id as number)
    }
  })

  it('queues one poster job per imported video, and the job makes the poster at poster_seconds', async () => {
    const queued = await t.call('jobs.list', { state: 'queued' }, alice())
    expect(queued.filter((j) => j.kind === 'video.poster')).toHaveLength(ids.size)
    const before = await show(ids.get('landscape.mp4') as number)
    expect(before.poster).toBeNull()

    const summary = await t.call('jobs.run', {}, alice())

    expect(summary).toMatchObject({ failed: 0 })
    for (const id of ids.values()) {
      const video = await show(id)
      expect(video.poster, `video ${id}`).not.toBeNull()
      expect(video.poster?.key).toMatch(/^cast_videos\/poster\/poster_[\w.-]+\.jpg$/)
    }
  })

  it.each(cases)('$name: display size, orientation, MIME and codec', async (c) => {
    const video = await show(ids.get(c.file) as number)
    expect(video).toMatchObject({ ...c.display, mime: c.mime, video_codec: c.codec, poster_seconds: 1 })
    expect(video.duration_ms).toBeGreaterThanOrEqual(3900)
    expect(video.duration_ms).toBeLessThanOrEqual(4100)
  })

  it.each(cases)('$name: the poster has the display size and shows the frame at 1 s', async (c) => {
    const { poster } = await show(ids.get(c.file) as number)
    expect(poster).toMatchObject({ width: c.display.width, height: c.display.height, seconds: 1 })
    expect(await pixelSize(poster?.path as string)).toEqual({
      width: c.display.width,
      height: c.display.height,
    })
    const top = { left: 0, top: 0, width: c.display.width, height: Math.floor(c.display.height / 4) }
    const colour = await meanColour(poster?.path as string, c.file === 'rotated.mp4' ? undefined : top)
    if (c.file !== 'rotated.mp4') expect(isColour(colour, 'red'), `mean ${colour}`).toBe(true)
    else expect(colour[0]).toBeGreaterThan(colour[1] + 60) // red and white halves
  })

  it.each(cases)('$name: a poster made again at 2 s shows the frame at 2 s', async (c) => {
    const id = ids.get(c.file) as number
    const result = await t.call('video.poster', { id, seconds: 2 }, alice())
    expect(result).toMatchObject({ poster_seconds: 2, replaced: true })
    expect(result.poster).toMatchObject({ width: c.display.width, height: c.display.height, seconds: 2 })
    const path = result.poster.path as string
    expect(await pixelSize(path)).toEqual({ width: c.display.width, height: c.display.height })
    const region =
      c.file === 'rotated.mp4'
        ? { left: 0, top: 0, width: c.display.width, height: c.display.height }
        : { left: 0, top: 0, width: c.display.width, height: Math.floor(c.display.height / 4) }
    const colour = await meanColour(path, region)
    if (c.file !== 'rotated.mp4') expect(isColour(colour, 'lime'), `mean ${colour}`).toBe(true)
    else expect(colour[1]).toBeGreaterThan(colour[0] + 60) // lime and white halves
    expect((await show(id)).poster_seconds).toBe(2)
  })

  it('turns the pixels of a rotated video, not only its size (the white half moves to one side)', async () => {
    const { poster } = await show(ids.get('rotated.mp4') as number)
    const path = poster?.path as string
    const half = (side: 'left' | 'right' | 'top' | 'bottom') => {
      const region =
        side === 'left' || side === 'right'
          ? { left: side === 'left' ? 0 : 180, top: 0, width: 180, height: 640 }
          : { left: 0, top: side === 'top' ? 0 : 320, width: 360, height: 320 }
      return meanColour(path, region)
    }
    const [left, right, top, bottom] = await Promise.all([
      half('left'),
      half('right'),
      half('top'),
      half('bottom'),
    ])
    const whiteness = (rgb: number[]) => Math.min(...rgb)
    expect(Math.abs(whiteness(left) - whiteness(right))).toBeGreaterThan(200)
    expect(Math.abs(whiteness(top) - whiteness(bottom))).toBeLessThan(20)
  })

  it('clamps poster_seconds 10 into a 2-second video: the last frames, the video keeps 10', async () => {
    const id = ids.get('short.mp4') as number
    const result = await t.call('video.poster', { id, seconds: 10 }, alice())
    expect(result.poster_seconds).toBe(10)
    expect(result.poster.seconds).toBeGreaterThanOrEqual(1.5)
    expect(result.poster.seconds).toBeLessThan(2)
    expect(await pixelSize(result.poster.path as string)).toEqual({ width: 640, height: 360 })
    expect(isColour(await meanColour(result.poster.path as string), 'blue')).toBe(true)
    expect(await show(id)).toMatchObject({ poster_seconds: 10, poster: { seconds: result.poster.seconds } })
  })

  it('stores the poster as an image of the same owner that gets renditions like any image', async () => {
    const video = await show(ids.get('landscape.mp4') as number)
    const imageId = video.poster?.image_id as number
    const image = (await t.call('media.show', { id: imageId }, alice())) as ImageItem
    expect(image).toMatchObject({ type: 'image', owner: 'alice', width: 640, height: 360, format: 'jpeg' })
    expect(image.file.key).toBe(video.poster?.key)
    const thumb = await t.call('images.rendition', { id: imageId, spec: 'fill-160x90' }, alice())
    expect(await pixelSize(thumb.path as string)).toEqual({ width: 160, height: 90 })
  })

  it("treats another user's video as not found", async () => {
    const id = ids.get('landscape.mp4') as number
    await expect(t.call('video.poster', { id, seconds: 1 }, t.as('bob'))).rejects.toMatchObject({
      code: 'not_found',
    })
  })
})
