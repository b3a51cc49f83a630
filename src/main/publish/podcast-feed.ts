import type { XMLBuilder } from 'fast-xml-parser'
import type { AudioFormatName } from '../../shared/media'
import { lazy, requireLazily } from '../platform/lazy'
import { feedItem } from './feed-item'
import { fundingNodes, lockedNode, personNodes, podcastPersons } from './feed-persons'
import { podcastGuid, rfc2822 } from './feed-values'
import { renderMarkdown } from './markdown'
import { absoluteUrl, type EpisodeModel, type PodcastModel, siteKeys } from './site-model'

/**
 * The RSS feed of one audio format (pure), as django-cast's `/feed/podcast/<fmt>/rss.xml`: the
 * channel with Apple's required tags, Podcasting 2.0's `podcast:guid`, the hosts (`podcast:person`,
 * else the author), `podcast:funding` and `podcast:locked`; one item per published episode whose audio has that format (`feedItem`).
 */

export const NAMESPACES = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:itunes': 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  'xmlns:podcast': 'https://podcastindex.org/namespace/1.0',
  'xmlns:psc': 'http://podlove.org/simple-chapters',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
} as const

const builder = lazy(
  () =>
    new (requireLazily('fast-xml-parser').XMLBuilder as typeof XMLBuilder)({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      cdataPropName: '__cdata',
      suppressEmptyNode: true,
      format: true,
      indentBy: '  ',
    }),
)

type Node = Record<string, unknown>

/** Episodes that belong in the feed of `format`, newest first. */
export function feedEpisodes(episodes: readonly EpisodeModel[], format: AudioFormatName): EpisodeModel[] {
  return episodes
    .filter((episode) => episode.audio?.files.some((file) => file.format === format))
    .sort((a, b) => (a.published < b.published ? 1 : a.published > b.published ? -1 : b.id - a.id))
}

export function podcastFeed(
  podcast: PodcastModel,
  episodes: readonly EpisodeModel[],
  format: AudioFormatName,
): string {
  const url = (key: string) => absoluteUrl(podcast.baseUrl, key)
  const feedUrl = url(siteKeys.feed(format))
  const items = feedEpisodes(episodes, format)
  const [category, subcategory] = podcast.category.split('>').map((part) => part.trim())
  const hosts = podcastPersons(podcast)
  const locked = lockedNode(podcast.locked, podcast.ownerEmail)
  const channel: Node = {
    title: podcast.title,
    link: podcast.baseUrl,
    description: { __cdata: renderMarkdown(podcast.description || podcast.title) },
    'atom:link': { '@_href': feedUrl, '@_rel': 'self', '@_type': 'application/rss+xml' },
    language: podcast.language,
    ...(items[0] ? { lastBuildDate: rfc2822(items[0].published) } : {}),
    generator: 'Castdesk',
    ...(podcast.coverKey
      ? { image: { url: url(podcast.coverKey), title: podcast.title, link: podcast.baseUrl } }
      : {}),
    'itunes:title': podcast.title,
    'itunes:subtitle': podcast.subtitle || undefined,
    'itunes:summary': podcast.description || undefined,
    'itunes:author': podcast.author || undefined,
    'itunes:explicit': String(podcast.explicit),
    'itunes:type': 'episodic',
    ...(podcast.ownerName || podcast.ownerEmail
      ? {
          'itunes:owner': {
            'itunes:name': podcast.ownerName || undefined,
            'itunes:email': podcast.ownerEmail || undefined,
          },
        }
      : {}),
    ...(podcast.coverKey ? { 'itunes:image': { '@_href': url(podcast.coverKey) } } : {}),
    ...(category
      ? {
          'itunes:category': {
            '@_text': category,
            ...(subcategory ? { 'itunes:category': { '@_text': subcategory } } : {}),
          },
        }
      : {}),
    'podcast:guid': podcast.guid || podcastGuid(feedUrl),
    ...(hosts.length > 0 ? { 'podcast:person': personNodes(hosts) } : {}),
    ...(podcast.funding?.length ? { 'podcast:funding': fundingNodes(podcast.funding) } : {}),
    ...(locked ? { 'podcast:locked': locked } : {}),
    item: items.map((episode) => feedItem(podcast, episode, format, url)),
  }
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder().build({
    rss: { '@_version': '2.0', ...prefixed(NAMESPACES), channel },
  })}`
}

function prefixed(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).map(([name, value]) => [`@_${name}`, value]))
}
