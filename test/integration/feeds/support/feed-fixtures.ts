/** Feeds shaped like those of the major hosts and generators, for the test server. */

export interface FixtureItem {
  guid: string | null
  title: string
  pubDate: string
  enclosure?: { url: string; length: number; type: string }
  extra?: string
  notes?: string
}

const NS = `xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:podcast="https://podcastindex.org/namespace/1.0" xmlns:psc="http://podlove.org/simple-chapters" xmlns:atom="http://www.w3.org/2005/Atom"`

export function feedXml(
  channel: { title: string; extra?: string; self?: string; link?: string },
  items: FixtureItem[],
): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" ${NS}>
<channel>
  <title>${channel.title}</title>
  <link>${channel.link ?? 'https://example.org/show'}</link>
  ${channel.self ? `<atom:link href="${channel.self}" rel="self" type="application/rss+xml"/>` : ''}
  <language>en-us</language>
  <description>A show about bread &amp; baking.</description>
  <itunes:author>Ana Baker</itunes:author>
  <itunes:owner><itunes:name>Ana Baker</itunes:name><itunes:email>ana@example.org</itunes:email></itunes:owner>
  <itunes:category text="Arts"><itunes:category text="Food"/></itunes:category>
  <itunes:category text="Leisure"/>
  <itunes:explicit>false</itunes:explicit>
  <itunes:type>episodic</itunes:type>
  ${channel.extra ?? ''}
  ${items.map(itemXml).join('\n')}
</channel>
</rss>`
}

function itemXml(item: FixtureItem): string {
  return `<item>
    <title>${item.title}</title>
    ${item.guid === null ? '' : `<guid isPermaLink="false">${item.guid}</guid>`}
    <pubDate>${item.pubDate}</pubDate>
    ${item.enclosure ? `<enclosure url="${item.enclosure.url}" length="${item.enclosure.length}" type="${item.enclosure.type}"/>` : ''}
    ${item.notes ? `<content:encoded><![CDATA[${item.notes}]]></content:encoded>` : `<description>${item.title}</description>`}
    ${item.extra ?? ''}
  </item>`
}
