import type { EpisodeModel, PodcastModel } from './site-model'

/** A `podcast:person` of a feed item. */
export interface FeedPerson {
  name: string
  role: 'host' | 'guest'
}

/**
 * The people of an episode (pure): the transcript's speakers in order of first appearance (the
 * podcast's author among them is the host, the others guests), else the author as host.
 */
export function episodePersons(podcast: PodcastModel, episode: EpisodeModel): FeedPerson[] {
  const author = podcast.author.trim()
  const speakers = new Set<string>()
  for (const cue of episode.audio?.cues ?? []) if (cue.speaker !== '') speakers.add(cue.speaker)
  if (speakers.size > 0) {
    return [...speakers].map((name) => ({
      name,
      role: name.toLowerCase() === author.toLowerCase() ? 'host' : 'guest',
    }))
  }
  return author ? [{ name: author, role: 'host' }] : []
}

/** The feed nodes of `podcast:person` (fast-xml-parser's builder shape). */
export function personNodes(persons: readonly FeedPerson[]): Array<Record<string, string>> {
  return persons.map((person) => ({ '#text': person.name, '@_role': person.role, '@_group': 'cast' }))
}
