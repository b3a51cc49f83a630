import { describe, expect, it } from 'vitest'
import type { FeedItem } from '../../../src/main/feeds/feed-model'
import { parseFeed } from '../../../src/main/feeds/feed-parser'
import { digest, itemSources, planFeed } from '../../../src/main/feeds/feed-plan'
import { showNotesBlocks } from '../../../src/main/feeds/show-notes'

const FEED = `<?xml version="1.0"?>
<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Tom &amp; Jerry&#x27;s &#8220;Show&#8221;</title>
  <itunes:new-feed-url>https://new.example.org/feed.xml</itunes:new-feed-url>
  <podcast:guid>abc-123</podcast:guid>
  <podcast:locked>yes</podcast:locked>
  <itunes:type>serial</itunes:type>
  <item>
    <title>Old</title>
    <guid>  g-1  </guid>
    <pubDate>Sat, 01 Mar 2025 10:00:00 EST</pubDate>
    <enclosure url="https://cdn.example.org/old.mp3" length="0" type="audio/mpeg"/>
  </item>
  <item>
    <title>New</title>
    <pubDate>2026-01-02T03:04:05.678Z</pubDate>
    <enclosure url="javascript:alert(1)" type="audio/mpeg"/>
    <description><![CDATA[<p>Hi &amp; bye</p>]]></description>
  </item>
  <item><description>neither title nor enclosure</description></item>
</channel>
</rss>`

describe('feed parser', () => {
  it('decodes the predefined entities and character references, ignores a plain DOCTYPE, and sorts items newest first', () => {
    const feed = parseFeed(FEED, 'test')
    expect(feed.podcast).toMatchObject({
      title: "Tom & Jerry's “Show”",
      guid: 'abc-123',
      newFeedUrl: 'https://new.example.org/feed.xml',
      locked: { locked: true, owner: '' },
      type: 'serial',
    })
    expect(feed.items.map((i) => [i.title, i.guid, i.key, i.published, i.enclosure?.url ?? null])).toEqual([
      ['New', null, 'title:New', '2026-01-02T03:04:05.000Z', null],
      ['Old', 'g-1', 'g-1', '2025-03-01T15:00:00.000Z', 'https://cdn.example.org/old.mp3'],
    ])
    expect(feed.items[1]?.enclosure?.length).toBeNull()
    expect(feed.items[0]?.notes).toBe('<p>Hi &amp; bye</p>')
    expect(feed.skipped).toEqual([{ index: 2, reason: 'the item has neither a title nor an enclosure' }])
  })

  it('refuses entity declarations, web pages and XML that is not RSS', () => {
    expect(() => parseFeed('<!DOCTYPE x [<!ENTITY a "b">]><rss/>', 'f')).toThrow(
      expect.objectContaining({ code: 'invalid_feed' }),
    )
    expect(() => parseFeed('<html><body>hi</body></html>', 'f')).toThrow(/web page/)
    expect(() => parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"/>', 'f')).toThrow(/not an RSS 2.0/)
    expect(() => parseFeed('', 'f')).toThrow(expect.objectContaining({ code: 'invalid_feed' }))
  })

  it('plans --limit as the newest items and lists what is not kept', () => {
    const plan = planFeed(parseFeed(FEED, 'test'), { podcast: null, items: [] }, { limit: 1, media: true })
    expect(plan.items.map((i) => i.title)).toEqual(['New'])
    expect(plan.leftOut).toBe(1)
    expect(plan.notKept.join('\n')).toMatch(/serial[\s\S]*item 3[\s\S]*"New": no enclosure/)
    expect(plan.notKept.join('\n')).not.toMatch(/locked|person|funding/)
  })
})

const P20 = `<?xml version="1.0"?>
<rss version="2.0" xmlns:podcast="https://podcastindex.org/namespace/1.0">
<channel>
  <title>Kitchen Radio</title>
  <podcast:locked owner="ana@example.org">no</podcast:locked>
  <podcast:funding url="https://example.org/support">Support the show!</podcast:funding>
  <podcast:funding url="javascript:alert(1)">bad</podcast:funding>
  <podcast:funding url="https://ko-fi.example/ana"/>
  <podcast:person href="https://example.org/ana" img="https://example.org/ana.jpg">Ana Alvarez</podcast:person>
  <podcast:person role="Co-Host" group="cast">Ben</podcast:person>
  <podcast:person role="&lt;script&gt;">   </podcast:person>
  <item>
    <title>Rye</title><guid>kr013</guid>
    <podcast:person role="guest" img="javascript:x">Chef   Carla</podcast:person>
    <podcast:person role="weird role!" group="Writing">Dan</podcast:person>
  </item>
</channel>
</rss>`

describe('Podcasting 2.0 people, funding and lock', () => {
  it('reads hosts and guests with role, group, picture and page (spec defaults host and cast), funding links and the lock', () => {
    const feed = parseFeed(P20, 'test')
    expect(feed.podcast.persons).toEqual([
      {
        name: 'Ana Alvarez',
        role: 'host',
        group: 'cast',
        img: 'https://example.org/ana.jpg',
        href: 'https://example.org/ana',
      },
      { name: 'Ben', role: 'co-host', group: 'cast', img: '', href: '' },
    ])
    expect(feed.podcast.funding).toEqual([
      { url: 'https://example.org/support', text: 'Support the show!' },
      { url: 'https://ko-fi.example/ana', text: '' },
    ])
    expect(feed.podcast.locked).toEqual({ locked: false, owner: 'ana@example.org' })
    expect(feed.items[0]?.persons).toEqual([
      { name: 'Chef Carla', role: 'guest', group: 'cast', img: '', href: '' },
      { name: 'Dan', role: 'host', group: 'writing', img: '', href: '' },
    ])
    const plan = planFeed(feed, { podcast: null, items: [] }, { media: true })
    expect(plan.podcast.fields).toEqual(expect.arrayContaining(['persons', 'funding', 'locked']))
    expect(plan.items[0]?.fields).toContain('persons')
    expect(plan.notKept.join('\n')).not.toMatch(/person|funding|locked/)
  })

  it('a second run updates people the feed changed, and keeps (reports) those edited in Castdesk', () => {
    const feed = parseFeed(P20, 'test')
    const first = planFeed(feed, { podcast: null, items: [] }, { media: true })
    const sources = itemSources(feed.items[0] as FeedItem)
    const asImported = Object.fromEntries(
      Object.entries(sources).map(([field, value]) => [field, { set: digest(value), src: digest(value) }]),
    )
    const podcastImported = Object.fromEntries(
      Object.entries(first.podcast.values).map(([f, v]) => [f, { set: digest(v), src: digest(v) }]),
    )
    const current = (edits: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries({ ...sources, ...edits }).map(([field, value]) => [field, digest(value)]),
      )
    const known = (edits: Record<string, unknown>) => ({
      episodeId: 7,
      key: 'kr013',
      enclosureUrl: '',
      mediaState: 'done' as const,
      digests: asImported,
      current: current(edits),
    })
    const podcastNow = (edits: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries({ ...first.podcast.values, ...edits }).map(([f, v]) => [f, digest(v)]),
      )
    // The feed changed its guests and funding; nobody edited them in Castdesk: updated.
    const changed = parseFeed(
      P20.replace('Chef   Carla', 'Chef Carla Diaz').replace('Support the show!', 'Buy us a coffee'),
      'test',
    )
    const updated = planFeed(
      changed,
      { podcast: { digests: podcastImported, current: podcastNow({}) }, items: [known({})] },
      { media: true },
    )
    expect(updated.items[0]?.action).toBe('updated')
    expect(updated.items[0]?.fields).toEqual(['persons'])
    expect(updated.podcast.fields).toEqual(['funding'])
    // Edited in Castdesk as well: kept, reported as conflicts.
    const guest = [{ name: 'Carla D.', role: 'guest', group: 'cast', img: '', href: '' }]
    const lock = { locked: true, owner: '' }
    const kept = planFeed(
      changed,
      {
        podcast: { digests: podcastImported, current: podcastNow({ funding: [], locked: lock }) },
        items: [known({ persons: guest })],
      },
      { media: true },
    )
    expect(kept.items[0]?.fields).toEqual([])
    expect(kept.items[0]?.conflicts).toEqual(['persons'])
    expect(kept.podcast.fields).toEqual([])
    expect(kept.podcast.conflicts).toEqual(['funding', 'locked'])
  })
})

describe('Apple categories', () => {
  it('keeps the first category Apple lists, in its spelling, and names the others', () => {
    const xml = FEED.replace(
      '<itunes:type>',
      '<itunes:category text="Cooking"/><itunes:category text="arts"><itunes:category text="food"/></itunes:category><itunes:category text="Leisure"><itunes:category text="Baking"/></itunes:category><itunes:type>',
    )
    const plan = planFeed(parseFeed(xml, 'test'), { podcast: null, items: [] }, { media: true })
    expect(plan.podcast.values.category).toBe('Arts > Food')
    expect(plan.notKept).toEqual(
      expect.arrayContaining([
        'the category "Cooking", which is not one of Apple\'s',
        'the further category Leisure > Baking (Castdesk keeps one)',
      ]),
    )
  })
})

describe('show notes', () => {
  it('resolves relative image URLs against the base; without a base, or to another scheme, they are dropped', () => {
    const notes =
      '<img src="../img/a.png"><img src="/b.jpg"><img src="//cdn.example.org/c.gif"><img src="javascript:x">'
    expect(
      showNotesBlocks(notes, 'https://e.org/blog/post/').map((b) => b.type === 'image' && b.url),
    ).toEqual(['https://e.org/blog/img/a.png', 'https://e.org/b.jpg', 'https://cdn.example.org/c.gif'])
    expect(showNotesBlocks(notes)).toEqual([])
  })

  it('keeps text, emphasis, lists, safe links and images; drops script, style, frames, handlers and javascript: links', () => {
    const blocks = showNotesBlocks(
      '<h1 onclick="x()">Title *one*</h1><style>p{}</style><p>A <b>bold</b> <em>move</em> &mdash; <a href="JaVaScRiPt:alert(1)">bad</a>, <a href="mailto:a@b.org">mail</a>, <a href=https://e.org/x>ok</a><br>next</p>' +
        '<iframe src="https://evil"></iframe><img src="data:image/png;base64,AAAA"><img src="https://e.org/i.png" alt="An &quot;image&quot;"><ol><li>first</li><li>second</li></ol><script src=x></script>',
    )
    expect(blocks).toEqual([
      { type: 'heading', text: 'Title *one*' },
      {
        type: 'paragraph',
        markdown: 'A **bold** *move* — bad, [mail](<mailto:a@b.org>), [ok](<https://e.org/x>)\\\nnext',
      },
      { type: 'image', url: 'https://e.org/i.png', alt: 'An "image"' },
      { type: 'paragraph', markdown: '1. first\n1. second' },
    ])
  })

  it('splits plain text into paragraphs, escaping Markdown', () => {
    expect(showNotesBlocks('One *star*\n\nTwo [links]')).toEqual([
      { type: 'paragraph', markdown: 'One \\*star\\*' },
      { type: 'paragraph', markdown: 'Two \\[links\\]' },
    ])
  })
})
