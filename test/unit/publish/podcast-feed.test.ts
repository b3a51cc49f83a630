import { parseFeed } from 'podcast-partytime'
import { describe, expect, it } from 'vitest'
import { episodePage } from '../../../src/main/publish/episode-page'
import { podcastGuid } from '../../../src/main/publish/feed-values'
import { podcastFeed } from '../../../src/main/publish/podcast-feed'
import { siteFiles } from '../../../src/main/publish/site-files'
import { audio, episode, podcast } from './site-fixture'

describe('podcast feed (pure)', () => {
  const second = episode({
    id: 2,
    guid: 'second-guid',
    slug: 'kr013-rye',
    title: 'Rye',
    published: '2024-03-08T08:30:00.000Z',
    season: null,
    number: null,
    type: 'bonus',
    audio: { ...audio, id: 8, chapters: [], cues: [], files: [audio.files[0] as (typeof audio.files)[0]] },
    coverKey: 'original_images/rye.jpg',
  })
  const xml = podcastFeed(podcast, [episode(), second], 'mp3')
  const feed = parseFeed(xml)

  it('is read by podcast-partytime with the channel tags Apple requires', () => {
    expect(feed).not.toBeNull()
    expect(feed?.title).toBe('Kitchen <Radio> & Friends')
    expect(feed?.language).toBe('en-us')
    expect(feed?.explicit).toBe(false)
    expect(feed?.itunesImage).toBe('https://example.org/show/original_images/cover.jpg')
    expect(feed?.itunesCategory).toEqual(['Arts > Food'])
    expect(xml).toMatch(/<itunes:category text="Arts">\s*<itunes:category text="Food"\/>/)
    expect(feed?.owner).toEqual({ name: 'Ana Baker', email: 'ana@example.org' })
    expect(feed?.guid).toBe(podcastGuid('https://example.org/show/feed/podcast/mp3/rss.xml'))
    expect(xml).toContain('<atom:link href="https://example.org/show/feed/podcast/mp3/rss.xml" rel="self"')
  })

  it('has one item per episode with this format, newest first, with enclosure, duration, chapters and transcripts', () => {
    expect(feed?.items.map((item) => item.title)).toEqual(['Rye', 'Sourdough <live>'])
    const [rye, sourdough] = feed?.items ?? []
    expect(sourdough?.enclosure).toEqual({
      url: 'https://example.org/show/cast_audio/kr012.mp3',
      length: 40_480_000,
      type: 'audio/mpeg',
    })
    expect(sourdough?.duration).toBe(4220)
    expect(xml).toContain('<itunes:duration>1:10:20</itunes:duration>')
    expect(sourdough?.guid).toBe('3f1b0a52-1111-4222-8333-944445555666')
    expect(sourdough?.pubDate?.toISOString()).toBe('2024-03-01T08:30:00.000Z')
    expect(sourdough?.itunesSeason).toBe(1)
    expect(sourdough?.itunesEpisode).toBe(12)
    expect(sourdough?.podcastChapters).toEqual({
      url: 'https://example.org/show/kr012-sourdough/chapters.json',
      type: 'application/json+chapters',
    })
    expect(sourdough?.podcastTranscripts).toEqual([
      { url: 'https://example.org/show/kr012-sourdough/transcript.vtt', type: 'text/vtt', language: 'en-us' },
      {
        url: 'https://example.org/show/kr012-sourdough/transcript.json',
        type: 'application/json',
        language: 'en-us',
      },
    ])
    expect(rye?.itunesEpisodeType).toBe('bonus')
    expect(rye?.itunesImage).toBe('https://example.org/show/original_images/rye.jpg')
    // No chapter marks, no transcript: neither tag (django-cast writes podcast:chapters only with marks).
    expect(rye?.podcastChapters).toBeUndefined()
    expect(rye?.podcastTranscripts).toBeUndefined()
  })

  it('writes psc:chapters sorted by start, attributes escaped', () => {
    expect(xml).toContain('<psc:chapters version="1.2">')
    const first = xml.indexOf('title="Hello"')
    const next = xml.indexOf(
      'start="00:03:05.500" title="Flour &amp; &quot;water&quot;" href="https://example.org/flour"',
    )
    expect(first).toBeGreaterThan(0)
    expect(next).toBeGreaterThan(first)
  })

  it('escapes user text in the show notes', () => {
    expect(xml).not.toContain('<script>')
    expect(sourdoughNotes(xml)).toContain('&lt;script&gt;')
  })

  it('makes one feed per audio format an episode has', () => {
    const site = siteFiles(podcast, [episode(), second])
    expect(site.feeds).toEqual(['feed/podcast/mp3/rss.xml', 'feed/podcast/m4a/rss.xml'])
    const m4a = parseFeed(site.files.get('feed/podcast/m4a/rss.xml') as string)
    expect(m4a?.items.map((item) => item.enclosure.type)).toEqual(['audio/mp4'])
    expect(JSON.parse(site.files.get('kr012-sourdough/chapters.json') as string)).toMatchObject({
      version: '1.2.0',
      chapters: [
        { startTime: 0, title: 'Hello' },
        { startTime: 185.5, title: 'Flour & "water"' },
      ],
    })
    expect(site.files.get('kr012-sourdough/transcript.vtt')).toMatch(/^WEBVTT/)
    const player = JSON.parse(site.files.get('kr012-sourdough/podlove.json') as string)
    expect(player.audio[0]).toEqual({
      url: 'https://example.org/show/cast_audio/kr012.mp3',
      mimeType: 'audio/mpeg',
      size: '40480000',
      title: 'Audio MP3',
    })
    expect(player.link).toBe('https://example.org/show/kr012-sourdough/')
  })
})

describe('episode page (pure)', () => {
  const html = episodePage(podcast, episode(), {
    playerKey: () => 'kr012-sourdough/podlove.json',
    feeds: [],
    mediaPrefix: '../',
    player: null,
  })

  it('escapes every piece of user text', () => {
    expect(html).toContain('<h1>Sourdough &lt;live&gt;</h1>')
    expect(html).toContain('<h2>Show &lt;notes&gt;</h2>')
    expect(html).not.toContain('<script>')
    expect(html).toContain('alt="A &quot;loaf&quot;"')
  })

  it('links media relative to the page and embeds the player with an <audio> fallback', () => {
    expect(html).toContain('<podlove-player data-variant="xl" data-url="podlove.json">')
    expect(html).toContain('<source src="../cast_audio/kr012.mp3" type="audio/mpeg">')
    expect(html).toContain('<a href="../images/p.width-1110.jpg"><picture>')
    expect(html).toContain('<a href="chapters.json">Chapters (JSON)</a>')
  })
})

function sourdoughNotes(xml: string): string {
  const start = xml.lastIndexOf('<description>')
  return xml.slice(start, xml.indexOf('</description>', start))
}
