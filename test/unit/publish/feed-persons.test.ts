import { parseFeed } from 'podcast-partytime'
import { describe, expect, it } from 'vitest'
import { podcastFeed } from '../../../src/main/publish/podcast-feed'
import { episode, podcast } from './site-fixture'

describe('podcast feed: Podcasting 2.0 people, funding and lock (pure)', () => {
  const hosts = [
    { name: 'Ana Baker', role: 'host', group: 'cast', img: 'https://example.org/ana.jpg', href: '' },
    { name: 'Ben <Bread>', role: 'co-host', group: 'cast', img: '', href: 'https://example.org/ben' },
  ]
  const guest = { name: 'Chef Carla', role: 'guest', group: 'cast', img: '', href: '' }
  const show = {
    ...podcast,
    persons: hosts,
    funding: [{ url: 'https://example.org/support?a=1&b=2', text: 'Support us & bake' }],
    locked: { locked: true, owner: '' },
  }

  it("writes the show's hosts, funding and lock, and each episode's own guests, as podcast-partytime reads them", () => {
    const withGuest = episode({ persons: [guest] })
    const other = episode({
      id: 2,
      guid: 'g2',
      slug: 'kr013',
      title: 'Rye',
      published: '2024-03-08T08:30:00.000Z',
    })
    const xml = podcastFeed(show, [withGuest, other], 'mp3')
    const feed = parseFeed(xml)
    // podcast-partytime names roles and groups in the taxonomy's capitals.
    expect(feed?.podcastPeople).toEqual([
      { name: 'Ana Baker', role: 'Host', group: 'Cast', img: 'https://example.org/ana.jpg' },
      { name: 'Ben <Bread>', role: 'Co-Host', group: 'Cast', href: 'https://example.org/ben' },
    ])
    expect(feed?.podcastFunding).toEqual([
      { url: 'https://example.org/support?a=1&b=2', message: 'Support us & bake' },
    ])
    // The lock's owner: the podcast owner's e-mail when the lock names none.
    expect(feed?.locked).toBe(true)
    expect(feed?.podcastOwner).toBe('ana@example.org')
    const sourdough = feed?.items.find((item) => item.guid === withGuest.guid)
    expect(sourdough?.podcastPeople).toEqual([{ name: 'Chef Carla', role: 'Guest', group: 'Cast' }])
    // An episode without people of its own keeps the derived ones (the transcript's speakers).
    const rye = feed?.items.find((item) => item.guid === 'g2')
    expect(rye?.podcastPeople?.map((p) => p.name)).toEqual(['Ana', 'Ben'])
  })

  it('writes no funding or lock tag when the podcast has none, and the author as host', () => {
    const xml = podcastFeed(podcast, [episode()], 'mp3')
    expect(xml).not.toContain('podcast:funding')
    expect(xml).not.toContain('podcast:locked')
    expect(parseFeed(xml)?.podcastPeople).toEqual([{ name: 'Ana', role: 'Host', group: 'Cast' }])
    const unlocked = podcastFeed({ ...podcast, locked: { locked: false, owner: 'x@example.org' } }, [], 'mp3')
    expect(unlocked).toContain('<podcast:locked owner="x@example.org">no</podcast:locked>')
  })
})
