import { type Episode, parseFeed } from 'podcast-partytime'
import { expect } from 'vitest'
import { parseChapters } from '../../../../src/main/media/audio/chapters/chapter-codecs'
import { parseTranscript } from '../../../../src/main/media/audio/transcripts/transcript-codecs'
import type { MediaItem } from '../../../../src/shared/media'
import { probeDurationMs } from '../../../helpers/media-fixtures'
import { FIXTURE_CHAPTERS } from '../../audio/audio-fixtures'

/** The feed as podcast-partytime reads it, each URL checked against the file it names. */
export function checkFeed(
  xml: string,
  read: (url: string) => Buffer,
  baseUrl: string,
  audioItems: readonly MediaItem[],
): void {
  const feed = parseFeed(xml)
  expect(feed?.title).toBe('Kitchen Radio')
  expect(feed?.itunesImage).toMatch(/original_images\/cover\.jpg$/)
  expect(feed?.guid).toMatch(/^[0-9a-f-]{36}$/)
  const items = feed?.items ?? []
  expect(items.map((item) => item.title)).toEqual(['Oven video', expect.stringMatching(/^Rye/), 'Sourdough'])
  for (const item of items) {
    const source = audioItems.find((a) =>
      item.enclosure.url.endsWith(a.type === 'audio' ? (a.files[0]?.key as string) : ''),
    )
    expect(source, item.enclosure.url).toBeDefined()
    const file = source?.type === 'audio' ? source.files[0] : undefined
    expect(item.enclosure).toEqual({
      url: `${baseUrl}${file?.key}`,
      length: file?.size,
      type: 'audio/mpeg',
    })
    expect(read(item.enclosure.url).length).toBe(file?.size)
    expect(item.duration).toBe(Math.floor(probeDurationMs(file?.path as string) / 1000))
  }
  const sourdough = items[2] as Episode
  expect(sourdough.itunesEpisode).toBe(12)
  expect(sourdough.podcastChapters?.url).toBe(`${baseUrl}sourdough/chapters.json`)
  const chapters = parseChapters(read(sourdough.podcastChapters?.url as string).toString('utf8'))
  expect(chapters.format).toBe('podcasting2-json')
  expect(chapters.chapters.map((c) => [c.startMs, c.title])).toEqual(
    FIXTURE_CHAPTERS.map((c) => [c.startMs, c.title]),
  )
  expect(sourdough.podcastTranscripts?.map((t) => [t.url, t.type])).toEqual([
    [`${baseUrl}sourdough/transcript.vtt`, 'text/vtt'],
    [`${baseUrl}sourdough/transcript.json`, 'application/json'],
  ])
  for (const transcript of sourdough.podcastTranscripts ?? []) {
    const parsed = parseTranscript(read(transcript.url).toString('utf8'))
    expect(parsed.format).toBe(transcript.type === 'text/vtt' ? 'webvtt' : 'podcasting2-json')
    expect(parsed.cues.map((c) => [c.startMs, c.speaker, c.text])).toEqual([
      [500, 'Ana', 'Welcome back to the kitchen.'],
      [3200, 'Ben', 'Today: sourdough & rye.'],
    ])
  }
  expect(xml).toContain('<psc:chapters version="1.2">')
  for (const item of items.slice(0, 2)) {
    expect(item.podcastChapters).toBeUndefined()
    expect(item.podcastTranscripts).toBeUndefined()
  }
}
