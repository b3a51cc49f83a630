import type { AudioFormatName } from '../../shared/media'
import { episodePersons, personNodes } from './feed-persons'
import { durationString, pscStart, rfc2822 } from './feed-values'
import { showNotes } from './show-notes'
import type { EpisodeModel, PodcastModel } from './site-model'
import { siteKeys } from './site-model'

type Node = Record<string, unknown>

/**
 * One feed item (pure): the enclosure of `format` with its real length and type, show notes as
 * `content:encoded` HTML and plain-text `description` / `itunes:summary`, Apple's and Podcasting
 * 2.0's season and episode numbers, `podcast:person`, `podcast:chapters` (only with chapter marks),
 * two `podcast:transcript` (VTT and JSON, only with a transcript) and inline `psc:chapters`.
 */
export function feedItem(
  podcast: PodcastModel,
  episode: EpisodeModel,
  format: AudioFormatName,
  url: (key: string) => string,
): Node {
  const audio = episode.audio as NonNullable<EpisodeModel['audio']>
  const file = audio.files.find((f) => f.format === format) as (typeof audio.files)[number]
  const link = url(siteKeys.page(episode.slug)).replace(/index\.html$/, '')
  const chapters = [...audio.chapters].sort((a, b) => a.startMs - b.startMs)
  const notes = showNotes(podcast.baseUrl, episode)
  const persons = episodePersons(podcast, episode)
  return {
    title: episode.title,
    link,
    description: notes.text,
    // `]]>` cannot occur in escaped HTML; replaced anyway so the CDATA section can never end early.
    'content:encoded': { __cdata: notes.html.replaceAll(']]>', ']]&gt;') },
    pubDate: rfc2822(episode.published),
    guid: { '#text': episode.guid, '@_isPermaLink': 'false' },
    enclosure: { '@_url': url(file.key), '@_length': file.size, '@_type': file.mime },
    'itunes:title': episode.title,
    'itunes:summary': notes.text,
    'itunes:duration': durationString(audio.durationMs),
    'itunes:explicit': String(podcast.explicit),
    'itunes:episodeType': episode.type,
    ...(episode.season !== null ? { 'itunes:season': episode.season } : {}),
    ...(episode.number !== null ? { 'itunes:episode': episode.number } : {}),
    ...(episode.coverKey ? { 'itunes:image': { '@_href': url(episode.coverKey) } } : {}),
    ...(episode.season !== null ? { 'podcast:season': episode.season } : {}),
    ...(episode.number !== null ? { 'podcast:episode': episode.number } : {}),
    ...(persons.length > 0 ? { 'podcast:person': personNodes(persons) } : {}),
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
