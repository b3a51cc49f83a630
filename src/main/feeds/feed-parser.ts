import type { EpisodeType, PodcastLock, PodcastPerson } from '../../shared/api/podcasts.api'
import { parseNormalPlayTime } from '../../shared/timecode'
import type { FeedChapterMark, FeedEnclosure, FeedItem, FeedPodcast, ParsedFeed } from './feed-model'
import { attr, child, children, childText, parseFeedXml, text, type XmlNode } from './feed-xml'

/**
 * Reads an RSS podcast feed (pure): the channel's fields and every item, newest first, with the
 * tags of Apple, Podcasting 2.0 and Podlove Simple Chapters that Castdesk keeps.
 */
export function parseFeed(xml: string, name: string): ParsedFeed {
  const channel = parseFeedXml(xml, name)
  const skipped: ParsedFeed['skipped'] = []
  const items: FeedItem[] = []
  const channelLink = webUrl(childText(channel, 'link'))
  children(channel, 'item').forEach((node, index) => {
    const item = parseItem(node, channelLink)
    if (item) items.push(item)
    else skipped.push({ index, reason: 'the item has neither a title nor an enclosure' })
  })
  items.sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''))
  return { podcast: parsePodcast(channel), items, skipped }
}

function parsePodcast(channel: XmlNode): FeedPodcast {
  const owner = child(channel, 'itunes:owner')
  const self = children(channel, 'atom:link').find((link) => attr(link, 'rel') === 'self')
  const newFeed = childText(channel, 'itunes:new-feed-url')
  const locked = child(channel, 'podcast:locked')
  return {
    title: childText(channel, 'title') || childText(channel, 'itunes:title') || 'Untitled podcast',
    subtitle: childText(channel, 'itunes:subtitle'),
    description: childText(channel, 'description') || childText(channel, 'itunes:summary'),
    author: childText(channel, 'itunes:author'),
    ownerName: childText(owner, 'itunes:name'),
    ownerEmail: childText(owner, 'itunes:email'),
    language: childText(channel, 'language'),
    categories: children(channel, 'itunes:category').map((node) => {
      const sub = children(node, 'itunes:category')[0]
      return sub ? `${attr(node, 'text')} > ${attr(sub, 'text')}` : attr(node, 'text')
    }),
    explicit: isYes(childText(channel, 'itunes:explicit')),
    type: childText(channel, 'itunes:type').toLowerCase() === 'serial' ? 'serial' : 'episodic',
    link: webUrl(childText(channel, 'link')) ?? '',
    imageUrl:
      webUrl(attr(child(channel, 'itunes:image'), 'href')) ??
      webUrl(childText(child(channel, 'image'), 'url')),
    guid: childText(channel, 'podcast:guid'),
    newFeedUrl: webUrl(newFeed) ?? webUrl(attr(self, 'href')),
    persons: persons(channel),
    funding: children(channel, 'podcast:funding')
      .map((node) => ({ url: shortUrl(attr(node, 'url')), text: text(node).slice(0, 128).trim() }))
      .filter((f) => f.url)
      .slice(0, 20),
    locked: lockOf(locked),
  }
}

function parseItem(node: XmlNode, channelLink: string | null): FeedItem | null {
  const enclosure = enclosureOf(children(node, 'enclosure')[0])
  const title = childText(node, 'title') || childText(node, 'itunes:title')
  if (!title && !enclosure) return null
  const guid = childText(node, 'guid') || null
  const podcastSeason = child(node, 'podcast:season')
  const podcastEpisode = child(node, 'podcast:episode')
  const description = childText(node, 'description')
  const summary = childText(node, 'itunes:summary')
  return {
    guid,
    key: guid ?? enclosure?.url ?? `title:${title}`,
    title: title || 'Untitled episode',
    published: isoDate(childText(node, 'pubDate')),
    season: positive(childText(node, 'itunes:season')) ?? positive(text(podcastSeason)),
    number: positive(childText(node, 'itunes:episode')) ?? positive(text(podcastEpisode)),
    type: episodeType(childText(node, 'itunes:episodeType')),
    explicit: child(node, 'itunes:explicit') ? isYes(childText(node, 'itunes:explicit')) : null,
    subtitle: childText(node, 'itunes:subtitle'),
    summary,
    notes: childText(node, 'content:encoded') || description || summary,
    notesBase: webUrl(childText(node, 'link')) ?? channelLink,
    imageUrl: webUrl(attr(child(node, 'itunes:image'), 'href')),
    enclosure,
    alternates: children(node, 'podcast:alternateEnclosure').flatMap((alt) => {
      const source = children(alt, 'podcast:source').find((s) => webUrl(attr(s, 'uri')))
      if (!source) return []
      return [{ url: attr(source, 'uri'), length: positive(attr(alt, 'length')), type: attr(alt, 'type') }]
    }),
    chaptersUrl: webUrl(attr(child(node, 'podcast:chapters'), 'url')),
    pscChapters: pscChapters(child(node, 'psc:chapters')),
    transcripts: children(node, 'podcast:transcript').flatMap((t) => {
      const url = webUrl(attr(t, 'url'))
      return url ? [{ url, type: attr(t, 'type').toLowerCase(), language: attr(t, 'language') || null }] : []
    }),
    persons: persons(node),
  }
}

const ROLE = /^[a-z][a-z -]{0,63}$/

/** `podcast:person` tags: name (≤128 characters), role and group (spec defaults host and cast), picture, page. */
function persons(node: XmlNode): PodcastPerson[] {
  return children(node, 'podcast:person')
    .flatMap((tag) => {
      const name = text(tag).replace(/\s+/g, ' ').slice(0, 128).trim()
      if (!name) return []
      const role = attr(tag, 'role').toLowerCase()
      const group = attr(tag, 'group').toLowerCase()
      return [
        {
          name,
          role: ROLE.test(role) ? role : 'host',
          group: ROLE.test(group) ? group : 'cast',
          img: shortUrl(attr(tag, 'img')),
          href: shortUrl(attr(tag, 'href')),
        },
      ]
    })
    .slice(0, 50)
}

/** An http(s) URL of at most 2000 characters (what the podcast form accepts), else ''. */
function shortUrl(value: string): string {
  const url = webUrl(value)
  return url && url.length <= 2000 ? url : ''
}

/** `podcast:locked` (yes/no, its owner e-mail when it is one); null without the tag or with another value. */
function lockOf(node: XmlNode | undefined): PodcastLock | null {
  if (!node) return null
  const value = text(node).toLowerCase()
  if (!['yes', 'no', 'true', 'false'].includes(value)) return null
  const owner = attr(node, 'owner')
  return {
    locked: value === 'yes' || value === 'true',
    owner: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(owner) && owner.length <= 255 ? owner : '',
  }
}

function enclosureOf(node: XmlNode | undefined): FeedEnclosure | null {
  const url = webUrl(attr(node, 'url'))
  return url ? { url, length: positive(attr(node, 'length')), type: attr(node, 'type').toLowerCase() } : null
}

function pscChapters(node: XmlNode | undefined): FeedChapterMark[] {
  const marks: FeedChapterMark[] = []
  for (const chapter of children(node, 'psc:chapter')) {
    const startMs = parseNormalPlayTime(attr(chapter, 'start'))
    const title = attr(chapter, 'title')
    if (startMs === null || !title) continue
    marks.push({
      startMs,
      title: title.slice(0, 255),
      link: webUrl(attr(chapter, 'href')),
      image: webUrl(attr(chapter, 'image')),
    })
  }
  return marks.sort((a, b) => a.startMs - b.startMs)
}

/** An absolute http(s) URL, or null. */
/** An absolute http(s) URL, a relative one resolved against `base` when given; else null. */
export function webUrl(value: string, base?: string | null): string | null {
  if (!value) return null
  try {
    const url = new URL(value.trim(), base ?? undefined)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null
  } catch {
    return null
  }
}

/** An RFC 2822 (or ISO) date as UTC ISO-8601 to the second. */
function isoDate(value: string): string | null {
  if (!value) return null
  const ms = Date.parse(value)
  if (Number.isNaN(ms)) return null
  return new Date(Math.floor(ms / 1000) * 1000).toISOString()
}

function positive(value: string): number | null {
  const n = Number(value)
  return Number.isInteger(n) && n > 0 && n < 2 ** 31 ? n : null
}

function isYes(value: string): boolean {
  return ['yes', 'true', 'explicit'].includes(value.trim().toLowerCase())
}

function episodeType(value: string): EpisodeType {
  const lower = value.trim().toLowerCase()
  return lower === 'trailer' || lower === 'bonus' ? lower : 'full'
}
