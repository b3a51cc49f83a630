import { describe, expect, it } from 'vitest'
import { type FeedCheckInput, feedWarnings } from '../../../src/main/publish/feed-checks'

const good: FeedCheckInput = {
  podcast: {
    title: 'Bakery Radio',
    description: 'Bread, weekly.',
    language: 'en',
    category: 'Arts',
    author: 'Ada',
    ownerEmail: 'ada@example.org',
    cover: { width: 3000, height: 3000, format: 'jpeg' },
  },
  episodes: [{ title: 'Sourdough', hasAudio: true, durationMs: 1000 }],
}

describe('feed checks', () => {
  it('finds nothing to say about a complete show', () => {
    expect(feedWarnings(good)).toEqual([])
  })

  it('names every missing show field with the command that sets it', () => {
    const bare = { ...good, podcast: { ...good.podcast, description: ' ', ownerEmail: '', category: '' } }
    expect(feedWarnings(bare)).toEqual([
      'The podcast has no description; Apple Podcasts requires it (castdesk podcast edit --description …).',
      'The podcast has no category; Apple Podcasts requires it (castdesk podcast edit --category …).',
      'The podcast has no owner e-mail; Apple Podcasts requires it (castdesk podcast edit --owner-email …).',
    ])
  })

  it('holds the artwork to Apple’s rule: square, 1400–3000 px, JPEG or PNG', () => {
    const art = (width: number, height: number, format = 'png') =>
      feedWarnings({ ...good, podcast: { ...good.podcast, cover: { width, height, format } } })
    expect(art(1400, 1400)).toEqual([])
    expect(art(1399, 1399)).toEqual([
      'The cover art is 1399×1399; Apple Podcasts needs 1400 to 3000 pixels a side.',
    ])
    expect(art(3001, 3001)).toHaveLength(1)
    expect(art(2000, 1500)).toEqual(['The cover art is 2000×1500; podcast apps need it square.'])
    expect(art(2000, 2000, 'webp')).toEqual(['The cover art is WEBP; Apple Podcasts takes JPEG or PNG only.'])
    expect(feedWarnings({ ...good, podcast: { ...good.podcast, cover: null } })).toEqual([
      'The podcast has no cover art; directories refuse a show without it (castdesk podcast edit --cover ID).',
    ])
  })

  it('names episodes a feed cannot carry well', () => {
    const episodes = [
      { title: 'No sound', hasAudio: false, durationMs: null },
      { title: 'Unknown length', hasAudio: true, durationMs: null },
    ]
    expect(feedWarnings({ ...good, episodes })).toEqual([
      '“No sound” has no episode audio, so no feed lists it.',
      '“Unknown length” has no known duration (itunes:duration).',
    ])
  })
})
