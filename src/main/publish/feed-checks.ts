/**
 * What podcast directories will complain about in a feed, checked before it goes out: Apple's
 * required show tags and artwork rule (square JPEG or PNG, 1400 to 3000 pixels a side), and
 * episodes a feed cannot carry. Pure: takes the facts, returns sentences a podcaster can act on.
 */

export interface FeedCheckInput {
  podcast: {
    title: string
    description: string
    language: string
    category: string
    author: string
    ownerEmail: string
    cover: { width: number; height: number; format: string } | null
  }
  episodes: ReadonlyArray<{ title: string; hasAudio: boolean; durationMs: number | null }>
}

const MIN_ART = 1400
const MAX_ART = 3000

export function feedWarnings({ podcast, episodes }: FeedCheckInput): string[] {
  const warnings: string[] = []
  const missing = (
    [
      ['description', podcast.description, '--description'],
      ['language', podcast.language, '--language'],
      ['category', podcast.category, '--category'],
      ['author', podcast.author, '--author'],
      ['owner e-mail', podcast.ownerEmail, '--owner-email'],
    ] as const
  ).filter(([, value]) => value.trim() === '')
  for (const [name, , flag] of missing) {
    warnings.push(`The podcast has no ${name}; Apple Podcasts requires it (castdesk podcast edit ${flag} …).`)
  }
  const art = podcast.cover
  if (!art) {
    warnings.push(
      'The podcast has no cover art; directories refuse a show without it (castdesk podcast edit --cover ID).',
    )
  } else {
    if (art.width !== art.height)
      warnings.push(`The cover art is ${art.width}×${art.height}; podcast apps need it square.`)
    const side = Math.min(art.width, art.height)
    if (side < MIN_ART || Math.max(art.width, art.height) > MAX_ART)
      warnings.push(
        `The cover art is ${art.width}×${art.height}; Apple Podcasts needs ${MIN_ART} to ${MAX_ART} pixels a side.`,
      )
    if (art.format !== 'jpeg' && art.format !== 'png')
      warnings.push(`The cover art is ${art.format.toUpperCase()}; Apple Podcasts takes JPEG or PNG only.`)
  }
  for (const episode of episodes) {
    if (!episode.hasAudio) warnings.push(`“${episode.title}” has no episode audio, so no feed lists it.`)
    else if (!episode.durationMs) warnings.push(`“${episode.title}” has no known duration (itunes:duration).`)
  }
  return warnings
}
