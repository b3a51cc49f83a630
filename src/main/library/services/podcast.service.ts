import type { PodcastInfo } from '../../../shared/api/podcasts.api'
import { CastdeskError } from '../../../shared/errors'
import { type Clock, isoNow } from '../clock'
import type { EpisodeMediaRepository } from '../repositories/episode-media.repository'
import type { PodcastFields, PodcastsRepository } from '../repositories/podcasts.repository'

/** The acting user's podcast: one per user, its cover one of their images. */
export class PodcastService {
  constructor(
    private readonly podcasts: PodcastsRepository,
    private readonly media: EpisodeMediaRepository,
    private readonly clock: Clock,
  ) {}

  podcast(ownerId: number): PodcastInfo {
    const found = this.podcasts.find(ownerId)
    if (!found) {
      throw new CastdeskError(
        'not_found',
        'You have no podcast yet. Create it with "castdesk podcast init --title TITLE".',
      )
    }
    return found
  }

  init(ownerId: number, fields: PodcastFields & { title: string }): PodcastInfo {
    if (this.podcasts.find(ownerId)) {
      throw new CastdeskError(
        'duplicate',
        'You already have a podcast. Change it with "castdesk podcast edit".',
      )
    }
    this.checkCover(ownerId, fields.cover)
    this.podcasts.insert(ownerId, fields, isoNow(this.clock))
    return this.podcast(ownerId)
  }

  update(ownerId: number, fields: PodcastFields): PodcastInfo {
    this.podcast(ownerId)
    this.checkCover(ownerId, fields.cover)
    this.podcasts.update(ownerId, fields, isoNow(this.clock))
    return this.podcast(ownerId)
  }

  private checkCover(ownerId: number, cover: number | null | undefined): void {
    if (cover === undefined || cover === null) return
    const type = this.media.typesOf(ownerId, [cover]).get(cover)
    if (type !== 'image') {
      throw new CastdeskError(
        type === undefined ? 'not_found' : 'invalid_input',
        type === undefined
          ? `There is no image ${cover} in your library for the podcast cover. "castdesk list --type image" shows the ids.`
          : `Item ${cover} is not an image: the podcast cover must be an image (1400–3000 px square for Apple).`,
      )
    }
  }
}
