import type { EpisodeBlock, PodcastInfo } from '../../shared/api/podcasts.api'
import { CastdeskError } from '../../shared/errors'
import type { AudioFormatName } from '../../shared/media'
import type { Clock } from '../library/clock'
import type { AudioChaptersRepository } from '../library/repositories/audio-chapters.repository'
import type { AudioTranscriptsRepository } from '../library/repositories/audio-transcripts.repository'
import type { EpisodeMediaRepository } from '../library/repositories/episode-media.repository'
import type { EpisodeRecord, EpisodesRepository } from '../library/repositories/episodes.repository'
import type { VideoRepository } from '../library/repositories/video.repository'
import type { AudioService } from '../library/services/audio.service'
import type { PictureService } from '../library/services/picture.service'
import type { RenditionService } from '../library/services/rendition.service'
import type { Chapter } from '../media/audio/chapters/chapter'
import {
  type ExistingRendition,
  type ImageForSlot,
  resolveImagesForSlots,
  type SlotKind,
} from '../media/images/planner'
import {
  type AudioModel,
  absoluteUrl,
  type EpisodeModel,
  keyPath,
  type PodcastModel,
  type ResolvedBlock,
} from './site-model'

/** django-cast's audio MIME types (Podlove list, feed enclosures). */
const AUDIO_MIME: Record<AudioFormatName, string> = {
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  oga: 'audio/ogg',
  opus: 'audio/opus',
}

export interface SiteModelDeps {
  episodes: EpisodesRepository
  media: EpisodeMediaRepository
  audios: AudioService
  chapters: AudioChaptersRepository
  transcripts: AudioTranscriptsRepository
  videos: VideoRepository
  renditions: RenditionService
  pictures: PictureService
  clock: Clock
}

export interface SiteModel {
  podcast: PodcastModel
  episodes: EpisodeModel[]
  /** Every library file the pages and feeds point at (the site publishes them under the same keys). */
  mediaKeys: Set<string>
  /** Renditions that had to be made for the pages. */
  renditionsMade: number
}

/**
 * Reads an owner's podcast and episodes into the model the pure builders take: every media
 * reference checked against the owner's library, every image's renditions made if missing and
 * resolved to `<picture>` slots, URLs as `mediaPrefix` + key (`../` in published pages).
 */
export class SiteModelService {
  constructor(private readonly deps: SiteModelDeps) {}

  /** The published episodes (a publication date not in the future), or the given ones. */
  async build(
    ownerId: number,
    podcast: PodcastInfo,
    options: { mediaPrefix: string; episodes?: readonly EpisodeRecord[] },
  ): Promise<SiteModel> {
    const now = this.deps.clock.now().toISOString()
    const records =
      options.episodes ??
      this.deps.episodes.list(ownerId).filter((e) => e.published !== null && e.published <= now)
    const state: BuildState = {
      ownerId,
      prefix: options.mediaPrefix,
      baseUrl: podcast.base_url,
      keys: new Set(),
      made: 0,
    }
    const coverKey = podcast.cover === null ? null : this.imageKey(state, podcast.cover)
    const episodes: EpisodeModel[] = []
    for (const record of records) episodes.push(await this.episode(state, record, now))
    return {
      podcast: {
        title: podcast.title,
        subtitle: podcast.subtitle,
        description: podcast.description,
        language: podcast.language,
        category: podcast.category,
        explicit: podcast.explicit,
        author: podcast.author,
        ownerName: podcast.owner_name,
        ownerEmail: podcast.owner_email,
        coverKey,
        baseUrl: podcast.base_url,
        guid: podcast.guid,
        persons: podcast.persons,
        funding: podcast.funding,
        locked: podcast.locked,
      },
      episodes,
      mediaKeys: state.keys,
      renditionsMade: state.made,
    }
  }

  private async episode(state: BuildState, record: EpisodeRecord, now: string): Promise<EpisodeModel> {
    const blocks: ResolvedBlock[] = []
    for (const block of record.body) blocks.push(await this.block(state, block, record))
    return {
      id: record.id,
      guid: record.guid,
      slug: record.slug,
      title: record.title,
      published: record.published ?? now,
      season: record.season,
      number: record.number,
      type: record.type,
      audio: record.audio === null ? null : this.audio(state, record.audio),
      coverKey: record.cover === null ? null : this.imageKey(state, record.cover),
      cover: record.cover === null ? null : ((await this.slots(state, record.cover, 'regular'))[0] ?? null),
      blocks,
      persons: record.persons,
    }
  }

  private async block(
    state: BuildState,
    block: EpisodeBlock,
    episode: EpisodeRecord,
  ): Promise<ResolvedBlock> {
    switch (block.type) {
      case 'heading':
      case 'paragraph':
        return block
      case 'image': {
        const [picture] = await this.slots(state, block.image, 'regular')
        return {
          id: block.id,
          type: 'image',
          picture: picture as ImageForSlot,
          alt: this.alt(state, block.image),
        }
      }
      case 'gallery': {
        const items = []
        for (const image of block.images) {
          const [modal, thumbnail] = await this.slots(state, image, 'gallery')
          items.push({
            modal: modal as ImageForSlot,
            thumbnail: thumbnail as ImageForSlot,
            alt: this.alt(state, image),
          })
        }
        return { id: block.id, type: 'gallery', items }
      }
      case 'audio':
        return { id: block.id, type: 'audio', audio: this.audio(state, block.audio) }
      case 'video': {
        const video = this.deps.videos.source(state.ownerId, block.video)
        const mime = this.deps.media.videoMime(state.ownerId, block.video)
        if (!video || !mime) throw missing('video', block.video, episode)
        state.keys.add(video.key)
        if (video.poster) state.keys.add(video.poster.key)
        return {
          id: block.id,
          type: 'video',
          title: video.title,
          key: video.key,
          mime,
          posterKey: video.poster?.key ?? null,
          width: video.width,
          height: video.height,
        }
      }
    }
  }

  private audio(state: BuildState, id: number): AudioModel {
    const audio = this.deps.audios.audio(state.ownerId, id)
    for (const file of audio.files) state.keys.add(file.key)
    return {
      id,
      title: audio.title,
      subtitle: audio.subtitle,
      durationMs: audio.durationMs ?? 0,
      files: audio.files.map((file) => ({
        format: file.format,
        key: file.key,
        size: file.size,
        mime: AUDIO_MIME[file.format],
      })),
      chapters: this.chapters(state, id),
      cues: this.deps.transcripts.cues(id),
    }
  }

  /** The slots of an image (regular: one; gallery: modal then thumbnail), its renditions made first. */
  private async slots(state: BuildState, imageId: number, kind: SlotKind): Promise<ImageForSlot[]> {
    const { renditions, pictures } = this.deps
    const image = renditions.image(state.ownerId, imageId)
    const plan = pictures.plan(image, kind)
    const made = await renditions.ensureCounted(state.ownerId, imageId, plan.specs)
    state.made += made.created
    const bySpec = new Map<string, ExistingRendition>()
    for (const rendition of made.renditions) {
      state.keys.add(rendition.key)
      bySpec.set(rendition.spec, {
        url: `${state.prefix}${keyPath(rendition.key)}`,
        width: rendition.width,
        height: rendition.height,
      })
    }
    const slots = resolveImagesForSlots(plan, bySpec, `${state.prefix}${keyPath(image.key)}`)
    if (slots.some((slot) => slot.usesOriginal)) state.keys.add(image.key)
    return slots
  }

  /** The marks; one with a library image points at that image's published copy. */
  private chapters(state: BuildState, audioId: number): Chapter[] {
    const linked = this.deps.chapters.imageIds(audioId)
    return this.deps.chapters.list(audioId).map((chapter) => {
      const imageId = linked.get(chapter.startMs)
      if (imageId === undefined || !state.baseUrl) return chapter
      return { ...chapter, image: absoluteUrl(state.baseUrl, this.imageKey(state, imageId)) }
    })
  }

  private imageKey(state: BuildState, imageId: number): string {
    const key = this.deps.renditions.image(state.ownerId, imageId).key
    state.keys.add(key)
    return key
  }

  /** The image's alt text, else its title (Wagtail's default_alt_text). */
  private alt(state: BuildState, imageId: number): string {
    const { altText } = this.deps.renditions.image(state.ownerId, imageId)
    return altText || this.deps.media.titleOf(state.ownerId, imageId)
  }
}

interface BuildState {
  ownerId: number
  prefix: string
  baseUrl: string
  keys: Set<string>
  made: number
}

function missing(type: string, id: number, episode: EpisodeRecord): CastdeskError {
  return new CastdeskError(
    'not_found',
    `Episode "${episode.title}" uses ${type} ${id}, which is no longer in your library: remove the block or choose another ${type}.`,
  )
}
