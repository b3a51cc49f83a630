import { randomUUID } from 'node:crypto'
import type {
  BlockInput,
  EpisodeBlock,
  EpisodeInfo,
  EpisodeType,
  MediaRole,
  PodcastPerson,
} from '../../../shared/api/podcasts.api'
import { CastdeskError } from '../../../shared/errors'
import type { MediaType } from '../../../shared/media'
import { SLUG_PATTERN, slugify } from '../../../shared/slug'
import { type Clock, isoNow } from '../clock'
import type { Db } from '../database'
import type { EpisodeMediaRepository } from '../repositories/episode-media.repository'
import type { EpisodeRecord, EpisodeRow, EpisodesRepository } from '../repositories/episodes.repository'
import type { GalleriesRepository } from '../repositories/galleries.repository'
import { gallerySignature } from './gallery.service'
import type { PodcastService } from './podcast.service'
import type { RenditionQueue } from './rendition-queue'

export interface EpisodeFields {
  title?: string
  slug?: string
  published?: string | null
  audio?: number | null
  cover?: number | null
  season?: number | null
  number?: number | null
  type?: EpisodeType
  body?: BlockInput[]
  persons?: PodcastPerson[]
}

export interface EpisodeServiceDeps {
  db: Db
  episodes: EpisodesRepository
  media: EpisodeMediaRepository
  galleries: GalleriesRepository
  podcasts: PodcastService
  renditionQueue: RenditionQueue
  clock: Clock
}

/** What each block type and field points at, to check the item's type. */
const EXPECTED: Record<MediaRole, MediaType> = {
  audio: 'audio',
  cover: 'image',
  image: 'image',
  gallery: 'image',
  video: 'video',
}

/**
 * Episodes of the acting user's podcast. Every save checks that each referenced item is the
 * user's own and of the right type, rewrites the episode's media (django-cast's sync_media_ids,
 * galleries through get-or-create by signature) and queues the renditions its images still lack.
 */
export class EpisodeService {
  constructor(private readonly deps: EpisodeServiceDeps) {}

  episode(ownerId: number, id: number): EpisodeRecord {
    const found = this.deps.episodes.find(ownerId, id)
    if (!found) {
      throw new CastdeskError(
        'not_found',
        `There is no episode ${id}. "castdesk episode list" shows the ids.`,
      )
    }
    return found
  }

  show(ownerId: number, id: number): EpisodeInfo {
    return this.info(this.episode(ownerId, id), 0)
  }

  /** `guid`: an imported item's GUID, kept exactly (by default a new UUID). */
  create(ownerId: number, fields: EpisodeFields & { title: string }, guid?: string): EpisodeInfo {
    const podcast = this.deps.podcasts.podcast(ownerId)
    const slug = fields.slug ?? this.freeSlug(podcast.id, slugify(fields.title))
    const row: EpisodeRow = {
      slug,
      title: fields.title,
      published: fields.published ?? null,
      audio: fields.audio ?? null,
      cover: fields.cover ?? null,
      season: fields.season ?? null,
      number: fields.number ?? null,
      type: fields.type ?? 'full',
      body: [],
      persons: fields.persons ?? [],
    }
    return this.save(ownerId, podcast.id, null, row, fields.body ?? [], guid)
  }

  update(ownerId: number, id: number, fields: EpisodeFields): EpisodeInfo {
    const current = this.episode(ownerId, id)
    const row: EpisodeRow = {
      slug: fields.slug ?? current.slug,
      title: fields.title ?? current.title,
      published: fields.published === undefined ? current.published : fields.published,
      audio: fields.audio === undefined ? current.audio : fields.audio,
      cover: fields.cover === undefined ? current.cover : fields.cover,
      season: fields.season === undefined ? current.season : fields.season,
      number: fields.number === undefined ? current.number : fields.number,
      type: fields.type ?? current.type,
      body: current.body,
      persons: fields.persons ?? current.persons,
    }
    return this.save(ownerId, current.podcastId, id, row, fields.body ?? current.body)
  }

  delete(ownerId: number, id: number): void {
    if (!this.deps.episodes.delete(ownerId, id)) this.episode(ownerId, id)
  }

  private save(
    ownerId: number,
    podcastId: number,
    id: number | null,
    row: EpisodeRow,
    blocks: readonly BlockInput[],
    guid?: string,
  ): EpisodeInfo {
    const { db, episodes, clock } = this.deps
    if (!SLUG_PATTERN.test(row.slug)) {
      throw new CastdeskError(
        'invalid_input',
        `"${row.slug}" is not a slug: use lowercase letters, digits and single hyphens, e.g. "kr012-sourdough".`,
      )
    }
    const taken = episodes.slugOwner(podcastId, row.slug)
    if (taken !== null && taken !== id) {
      throw new CastdeskError(
        'duplicate',
        `Episode ${taken} already has the slug "${row.slug}": choose another one with --slug.`,
      )
    }
    const uses = usesOf(row, blocks)
    this.checkMedia(ownerId, uses)
    const now = isoNow(clock)
    const savedId = db.transaction(() => {
      const galleries = new Map<string, number>()
      const body = blocks.map((block) => this.storedBlock(ownerId, block, galleries, now))
      const full = { ...row, body }
      const episodeId = id ?? episodes.insert(ownerId, podcastId, guid ?? randomUUID(), full, now)
      if (id !== null) episodes.update(ownerId, id, full, now)
      episodes.setMedia(episodeId, uses, [...galleries.values()])
      return episodeId
    })()
    const saved = this.episode(ownerId, savedId)
    return this.info(saved, this.queueRenditions(ownerId, saved))
  }

  /** Every referenced item must be the user's own, outside the trash, and of the block's type. */
  private checkMedia(ownerId: number, uses: ReadonlyArray<{ id: number; role: MediaRole }>): void {
    const types = this.deps.media.typesOf(
      ownerId,
      uses.map((use) => use.id),
    )
    for (const use of uses) {
      const type = types.get(use.id)
      const expected = EXPECTED[use.role]
      if (type === undefined) {
        throw new CastdeskError(
          'not_found',
          `There is no ${expected} ${use.id} in your library (used as the episode's ${use.role}). "castdesk list --type ${expected}" shows the ids.`,
        )
      }
      if (type !== expected) {
        throw new CastdeskError(
          'invalid_input',
          `Item ${use.id} is ${article(type)} ${type}, but the episode's ${use.role} needs ${article(expected)} ${expected}.`,
        )
      }
    }
  }

  private storedBlock(
    ownerId: number,
    block: BlockInput,
    galleries: Map<string, number>,
    now: string,
  ): EpisodeBlock {
    const id = block.id ?? randomUUID()
    if (block.type !== 'gallery') return { ...block, id } as EpisodeBlock
    const signature = gallerySignature(block.images)
    let gallery = galleries.get(signature) ?? this.deps.galleries.findBySignature(ownerId, signature)
    gallery ??= this.deps.galleries.insert(ownerId, signature, block.images, now)
    galleries.set(signature, gallery)
    return { id, type: 'gallery', images: [...block.images], gallery }
  }

  /** Queues the renditions the episode's images lack: regular for image blocks and covers, gallery for galleries. */
  private queueRenditions(ownerId: number, episode: EpisodeRecord): number {
    const queue = this.deps.renditionQueue
    let queued = 0
    const regular = new Set<number>(episode.cover === null ? [] : [episode.cover])
    const gallery = new Set<number>()
    for (const block of episode.body) {
      if (block.type === 'image') regular.add(block.image)
      if (block.type === 'gallery') for (const image of block.images) gallery.add(image)
    }
    for (const image of regular) queued += queue.queueMissing(ownerId, image, 'regular')
    for (const image of gallery) queued += queue.queueMissing(ownerId, image, 'gallery')
    return queued
  }

  private freeSlug(podcastId: number, base: string): string {
    let slug = base
    for (let n = 2; this.deps.episodes.slugOwner(podcastId, slug) !== null; n++) slug = `${base}-${n}`
    return slug
  }

  private info(episode: EpisodeRecord, queued: number): EpisodeInfo {
    const { podcastId: _podcast, ...rest } = episode
    return { ...rest, media: this.deps.episodes.media(episode.id), renditions_queued: queued }
  }
}

/** The media an episode uses: its audio and cover, then each block's. */
function usesOf(row: EpisodeRow, blocks: readonly BlockInput[]): Array<{ id: number; role: MediaRole }> {
  const uses: Array<{ id: number; role: MediaRole }> = []
  if (row.audio !== null) uses.push({ id: row.audio, role: 'audio' })
  if (row.cover !== null) uses.push({ id: row.cover, role: 'cover' })
  for (const block of blocks) {
    if (block.type === 'image') uses.push({ id: block.image, role: 'image' })
    if (block.type === 'gallery') for (const image of block.images) uses.push({ id: image, role: 'gallery' })
    if (block.type === 'audio') uses.push({ id: block.audio, role: 'audio' })
    if (block.type === 'video') uses.push({ id: block.video, role: 'video' })
  }
  return uses
}

function article(word: string): string {
  return /^[aeiou]/.test(word) ? 'an' : 'a'
}
