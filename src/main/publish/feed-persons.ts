import type { PodcastFunding, PodcastLock, PodcastPerson } from '../../shared/api/podcasts.api'
import type { EpisodeModel, PodcastModel } from './site-model'

/** Podcasting 2.0's people, funding and lock tags of a feed (pure). */

const person = (name: string, role: 'host' | 'guest'): PodcastPerson => ({
  name,
  role,
  group: 'cast',
  img: '',
  href: '',
})

/** The show's people: those set on the podcast (kept from its feed or edited), else the author as host. */
export function podcastPersons(podcast: PodcastModel): PodcastPerson[] {
  if (podcast.persons && podcast.persons.length > 0) return podcast.persons
  const author = podcast.author.trim()
  return author ? [person(author, 'host')] : []
}

/**
 * The people of an episode: those set on it (its guests, kept from the feed or edited); else the
 * transcript's speakers in order of first appearance (the podcast's author among them is the host,
 * the others guests); else the author as host.
 */
export function episodePersons(podcast: PodcastModel, episode: EpisodeModel): PodcastPerson[] {
  if (episode.persons && episode.persons.length > 0) return episode.persons
  const author = podcast.author.trim()
  const speakers = new Set<string>()
  for (const cue of episode.audio?.cues ?? []) if (cue.speaker !== '') speakers.add(cue.speaker)
  if (speakers.size > 0) {
    return [...speakers].map((name) =>
      person(name, name.toLowerCase() === author.toLowerCase() ? 'host' : 'guest'),
    )
  }
  return author ? [person(author, 'host')] : []
}

/** The feed nodes of `podcast:person` (fast-xml-parser's builder shape). */
export function personNodes(persons: readonly PodcastPerson[]): Array<Record<string, string>> {
  return persons.map((p) => ({
    '#text': p.name,
    '@_role': p.role,
    '@_group': p.group,
    ...(p.img ? { '@_img': p.img } : {}),
    ...(p.href ? { '@_href': p.href } : {}),
  }))
}

/** `podcast:funding` nodes: the link and its text. */
export function fundingNodes(funding: readonly PodcastFunding[]): Array<Record<string, string>> {
  return funding.map((f) => ({ '#text': f.text, '@_url': f.url }))
}

/** The `podcast:locked` node, its owner the lock's e-mail else the podcast owner's; none without a lock. */
export function lockedNode(
  locked: PodcastLock | null | undefined,
  ownerEmail: string,
): Record<string, string> | undefined {
  if (!locked) return undefined
  const owner = locked.owner || ownerEmail
  return { '#text': locked.locked ? 'yes' : 'no', ...(owner ? { '@_owner': owner } : {}) }
}
