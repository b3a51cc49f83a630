import { describe, expect, it } from 'vitest'
import { parseFeed } from '../../../src/main/feeds/feed-parser'
import { planFeed } from '../../../src/main/feeds/feed-plan'
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
      locked: true,
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
    expect(plan.notKept.join('\n')).toMatch(/serial[\s\S]*locked[\s\S]*item 3[\s\S]*"New": no enclosure/)
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
