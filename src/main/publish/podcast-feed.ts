import { XMLBuilder } from 'fast-xml-parser'
import type { AudioFormatName } from '../../shared/media'
import { escapeHtml } from '../media/images/markup/html-escape'
import { durationString, podcastGuid, pscStart, rfc2822 } from './feed-values'
import { renderMarkdown } from './markdown'
import { absoluteUrl, type EpisodeModel, type PodcastModel, siteKeys } from './site-model'

/**
 * The RSS feed of one audio format (pure), as django-cast's `/feed/podcast/<fmt>/rss.xml`: the
 * channel with Apple's required tags and Podcasting 2.0's `podcast:guid`; one item per published
 * episode whose audio has that format, with the real enclosure length and type, `itunes:duration`
 * (django-cast's `H:MM:SS`), `podcast:chapters` (only with chapter marks), two `podcast:transcript`
 * (VTT and JSON, only with a transcript) and inline `psc:chapters`.
 */

export const NAMESPACES = {
  'xmlns:atom': 'http://www.w3.org/2005/Atom',
  'xmlns:itunes': 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  'xmlns:podcast': 'https://podcastindex.org/namespace/1.0',
  'xmlns:psc': 'http://podlove.org/simple-chapters',
  'xmlns:content': 'http://purl.org/rss/1.0/modules/content/',
} as const

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  cdataPropName: '__cdata',
  suppressEmptyNode: true,
  format: true,
  indentBy: '  ',
})

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
    item: items.map((episode) => item(podcast, episode, format, url)),
  }
  return `<?xml version="1.0" encoding="utf-8"?>\n${builder.build({
    rss: { '@_version': '2.0', ...prefixed(NAMESPACES), channel },
  })}`
}

function item(
  podcast: PodcastModel,
  episode: EpisodeModel,
  format: AudioFormatName,
  url: (key: string) => string,
): Node {
  const audio = episode.audio as NonNullable<EpisodeModel['audio']>
  const file = audio.files.find((f) => f.format === format) as (typeof audio.files)[number]
  const link = url(siteKeys.page(episode.slug)).replace(/index\.html$/, '')
  const chapters = [...audio.chapters].sort((a, b) => a.startMs - b.startMs)
  return {
    title: episode.title,
    link,
    description: { __cdata: notes(episode) },
    pubDate: rfc2822(episode.published),
    guid: { '#text': episode.guid, '@_isPermaLink': 'false' },
    enclosure: { '@_url': url(file.key), '@_length': file.size, '@_type': file.mime },
    'itunes:title': episode.title,
    'itunes:duration': durationString(audio.durationMs),
    'itunes:explicit': String(podcast.explicit),
    'itunes:episodeType': episode.type,
    ...(episode.season !== null ? { 'itunes:season': episode.season } : {}),
    ...(episode.number !== null ? { 'itunes:episode': episode.number } : {}),
    ...(episode.coverKey ? { 'itunes:image': { '@_href': url(episode.coverKey) } } : {}),
    ...(chapters.length > 0
      ? {
          'podcast:chapters': {
            '@_url': url(siteKeys.chapters(episode.slug)),
            '@_type': 'application/json+chapters',
          },
        }
      : {}),
    ...(audio.cues.length > 0
      ? {
          'podcast:transcript': [
            {
              '@_url': url(siteKeys.transcriptVtt(episode.slug)),
              '@_type': 'text/vtt',
              '@_language': podcast.language,
            },
            {
              '@_url': url(siteKeys.transcriptJson(episode.slug)),
              '@_type': 'application/json',
              '@_language': podcast.language,
            },
          ],
        }
      : {}),
    ...(chapters.length > 0
      ? {
          'psc:chapters': {
            '@_version': '1.2',
            'psc:chapter': chapters.map((chapter) => ({
              '@_start': pscStart(chapter.startMs),
              '@_title': chapter.title,
              ...(chapter.link ? { '@_href': chapter.link } : {}),
              ...(chapter.image ? { '@_image': chapter.image } : {}),
            })),
          },
        }
      : {}),
  }
}

/** The show notes: the body's headings and paragraphs as HTML (media blocks are on the page). */
function notes(episode: EpisodeModel): string {
  const parts = episode.blocks.flatMap((block) => {
    if (block.type === 'heading') return [`<h2>${escapeHtml(block.text)}</h2>`]
    if (block.type === 'paragraph') return [renderMarkdown(block.markdown)]
    return []
  })
  return parts.join('') || `<p>${escapeHtml(episode.title)}</p>`
}

function prefixed(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).map(([name, value]) => [`@_${name}`, value]))
}
