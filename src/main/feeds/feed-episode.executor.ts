import type { FeedImportItem } from '../../shared/api/feeds.api'
import type { BlockInput, EpisodeInfo } from '../../shared/api/podcasts.api'
import { CastdeskError, type ErrorBody, toErrorBody } from '../../shared/errors'
import { slugify } from '../../shared/slug'
import type { EpisodeRecord } from '../library/repositories/episodes.repository'
import type {
  FeedImportsRepository,
  FieldDigests,
  MediaState,
} from '../library/repositories/feed-imports.repository'
import type { AudioService } from '../library/services/audio.service'
import type { AudioChaptersService } from '../library/services/audio-chapters.service'
import type { AudioTranscriptsService } from '../library/services/audio-transcripts.service'
import type { EpisodeFields, EpisodeService } from '../library/services/episode.service'
import type { FeedMedia } from './feed-media'
import type { FeedItem } from './feed-model'
import {
  canonical,
  digest,
  type EpisodeField,
  itemSources,
  type PlannedItem,
  pickTranscript,
} from './feed-plan'
import { type FetchPolicy, fetchText } from './http-fetch'
import { showNotesBlocks } from './show-notes'

const MAX_SIDE_FILE = 64 * 1024 * 1024

export interface EpisodeExecutorDeps {
  episodes: EpisodeService
  feedImports: FeedImportsRepository
  audios: AudioService
  chapters: AudioChaptersService
  transcripts: AudioTranscriptsService
  media: FeedMedia
  policy: FetchPolicy
  now: () => string
  /** Aborted by podcast.cancelImport. */
  signal?: AbortSignal
}

/** The digest of each episode field's value in Castdesk (what a later run compares with). */
export function currentDigests(record: EpisodeRecord): Record<EpisodeField, string> {
  return {
    title: digest(record.title),
    published: digest(record.published),
    season: digest(record.season),
    number: digest(record.number),
    type: digest(record.type),
    persons: digest(canonical.persons(record.persons)),
    cover: digest(record.cover),
    body: digest(record.body.map(({ id: _id, ...block }) => block)),
  }
}

/**
 * Imports one planned item: the episode first (a draft, its import state "pending", so a killed
 * run resumes it), then its media, chapters and transcript; the publication date once the audio
 * is in. Whatever fails is this item's error; the episode keeps what arrived.
 */
export async function importItem(
  deps: EpisodeExecutorDeps,
  ownerId: number,
  podcastId: number,
  planned: PlannedItem,
  withMedia: boolean,
): Promise<FeedImportItem> {
  const { item } = planned
  const errors: ErrorBody[] = []
  const report = (status: FeedImportItem['status'], episode: number | null): FeedImportItem => ({
    guid: planned.guid,
    title: planned.title,
    published: planned.published,
    action: planned.action,
    episode,
    fields: planned.fields,
    conflicts: planned.conflicts,
    downloads: planned.downloads,
    status,
    errors,
  })
  if (planned.action === 'unchanged') return report('done', planned.episodeId)
  let episode: EpisodeInfo
  const known =
    planned.episodeId === null
      ? null
      : deps.feedImports.items(podcastId).find((i) => i.episodeId === planned.episodeId)
  try {
    const slug = slugify(item.title)
    const fields = await fieldsFor(deps, ownerId, planned, slug, errors)
    episode =
      planned.episodeId === null
        ? deps.episodes.create(
            ownerId,
            { title: item.title.slice(0, 255), ...fields, published: null },
            item.guid ?? undefined,
          )
        : deps.episodes.update(ownerId, planned.episodeId, fields)
  } catch (error) {
    errors.push(toErrorBody(guidTaken(error, item.guid) ?? error))
    return report('failed', planned.episodeId)
  }
  const digests: FieldDigests = { ...(known?.digests ?? {}) }
  let mediaState: MediaState = known?.mediaState ?? 'pending'
  const save = (state: MediaState, error: string | null) => {
    const record = deps.episodes.episode(ownerId, episode.id)
    const current = currentDigests(record)
    const sources = itemSources(item) as Record<string, unknown>
    for (const field of planned.fields) {
      if (field === 'published' && state !== 'done') continue
      digests[field] = { set: current[field as EpisodeField], src: digest(sources[field]) }
    }
    deps.feedImports.saveItem(
      podcastId,
      {
        episodeId: record.id,
        itemGuid: item.key,
        enclosureUrl: item.enclosure?.url ?? '',
        mediaState: state,
        error,
        published: item.published,
        digests,
      },
      deps.now(),
    )
  }
  if (planned.action !== 'new' && planned.action !== 'resume') {
    save(mediaState, known?.error ?? null)
    return report(errors.length ? 'failed' : 'done', episode.id)
  }
  save(mediaState, known?.error ?? null)
  // Stopped on request: the item is left to resume (state pending, no error); images a cut
  // download missed lose their digests, so the next run sets cover and show notes again.
  const cancelled = () => {
    if (errors.length > 0) {
      delete digests.cover
      delete digests.body
    }
    errors.length = 0
    deps.feedImports.saveItem(
      podcastId,
      {
        episodeId: episode.id,
        itemGuid: item.key,
        enclosureUrl: item.enclosure?.url ?? '',
        mediaState: 'pending',
        error: null,
        published: item.published,
        digests,
      },
      deps.now(),
    )
    return report('cancelled', episode.id)
  }
  if (deps.signal?.aborted) return cancelled()
  if (!withMedia && item.enclosure) mediaState = 'skipped'
  else mediaState = (await fetchMedia(deps, ownerId, episode, item, errors)) ? 'failed' : 'done'
  if (deps.signal?.aborted && (mediaState !== 'done' || errors.length > 0)) return cancelled()
  if (
    mediaState === 'done' &&
    deps.episodes.episode(ownerId, episode.id).published === null &&
    item.published
  ) {
    deps.episodes.update(ownerId, episode.id, { published: item.published })
    if (!planned.fields.includes('published')) planned.fields.push('published')
  }
  save(mediaState, mediaState === 'failed' ? (errors[0]?.message ?? null) : null)
  return report(mediaState === 'done' ? 'done' : 'draft', episode.id)
}

/** The episode fields this run sets: cover and show-note images downloaded first. */
async function fieldsFor(
  deps: EpisodeExecutorDeps,
  ownerId: number,
  planned: PlannedItem,
  slug: string,
  errors: ErrorBody[],
): Promise<EpisodeFields> {
  const { item } = planned
  const set = new Set(planned.fields)
  const fields: EpisodeFields = {}
  if (set.has('title')) fields.title = item.title.slice(0, 255)
  if (set.has('season')) fields.season = item.season
  if (set.has('number')) fields.number = item.number
  if (set.has('type')) fields.type = item.type
  if (set.has('persons')) fields.persons = item.persons
  if (set.has('published') && planned.action === 'updated') fields.published = item.published
  if (set.has('cover')) {
    fields.cover = null
    if (item.imageUrl) {
      try {
        fields.cover = await deps.media.image(ownerId, item.imageUrl, `${slug}-cover`)
      } catch (error) {
        errors.push(toErrorBody(error))
      }
    }
  }
  if (set.has('body')) {
    const body: BlockInput[] = []
    for (const block of showNotesBlocks(item.notes, item.notesBase)) {
      if (block.type === 'heading') body.push({ type: 'heading', text: block.text })
      else if (block.type === 'paragraph')
        body.push({ type: 'paragraph', markdown: block.markdown.slice(0, 100_000) })
      else {
        try {
          body.push({ type: 'image', image: await deps.media.image(ownerId, block.url, `${slug}-notes`) })
        } catch (error) {
          errors.push(toErrorBody(error))
        }
      }
    }
    fields.body = body.slice(0, 1000)
  }
  return fields
}

/** Audio (or video), other formats, chapters and transcript; true when the enclosure failed. */
async function fetchMedia(
  deps: EpisodeExecutorDeps,
  ownerId: number,
  episode: EpisodeInfo,
  item: FeedItem,
  errors: ErrorBody[],
): Promise<boolean> {
  if (!item.enclosure) return false
  let media: { id: number; type: string }
  try {
    media = await deps.media.enclosure(ownerId, item.enclosure.url, episode.slug)
  } catch (error) {
    errors.push(toErrorBody(error))
    return true
  }
  if (media.type === 'video') {
    const current = deps.episodes.episode(ownerId, episode.id)
    if (!current.body.some((b) => b.type === 'video' && b.video === media.id))
      deps.episodes.update(ownerId, episode.id, {
        body: [{ type: 'video', video: media.id }, ...current.body],
      })
    return false
  }
  deps.episodes.update(ownerId, episode.id, { audio: media.id })
  const audioId = media.id
  const step = async (work: () => Promise<unknown>) => {
    try {
      await work()
    } catch (error) {
      errors.push(toErrorBody(error))
    }
  }
  await step(async () => {
    const subtitle = (item.subtitle || item.summary.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim()
    deps.audios.update(ownerId, audioId, {
      title: item.title.slice(0, 255),
      subtitle: subtitle.slice(0, 255),
    })
  })
  for (const alt of item.alternates) {
    const have = deps.audios.audio(ownerId, audioId).files.map((f) => f.format)
    const wanted = formatOf(alt.type)
    if (wanted && have.includes(wanted)) continue
    await step(() => deps.media.alternate(ownerId, audioId, alt.url, episode.slug))
  }
  if (item.chaptersUrl) {
    const url = item.chaptersUrl
    await step(async () => {
      const { text } = await fetchText(url, deps.policy, MAX_SIDE_FILE, 'chapters file')
      await deps.chapters.importChapters(ownerId, audioId, { text, name: url }, 'podcasting2')
    })
  } else if (item.pscChapters.length > 0) {
    const marks = item.pscChapters.map((c) => ({
      start_ms: c.startMs,
      title: c.title,
      link: c.link,
      image: c.image,
    }))
    await step(async () => deps.chapters.set(ownerId, audioId, marks))
  }
  await chapterImages(deps, ownerId, audioId, episode.slug, errors)
  const transcript = pickTranscript(item)
  if (transcript) {
    await step(async () => {
      const { text } = await fetchText(transcript.url, deps.policy, MAX_SIDE_FILE, 'transcript')
      const format = transcript.type.includes('json')
        ? 'podcasting2'
        : transcript.type.includes('vtt')
          ? 'vtt'
          : 'srt'
      await deps.transcripts.importTranscript(ownerId, audioId, { text, name: transcript.url }, format)
    })
  }
  return false
}

/** Every chapter image downloaded into the library (like show-note images) and linked to its mark. */
async function chapterImages(
  deps: EpisodeExecutorDeps,
  ownerId: number,
  audioId: number,
  slug: string,
  errors: ErrorBody[],
): Promise<void> {
  for (const mark of deps.chapters.list(ownerId, audioId).chapters) {
    if (!mark.image) continue
    try {
      const imageId = await deps.media.image(ownerId, mark.image, `${slug}-chapter`)
      deps.chapters.linkImage(ownerId, audioId, mark.start_ms, imageId)
    } catch (error) {
      errors.push(toErrorBody(error))
    }
  }
}

function formatOf(type: string): 'mp3' | 'm4a' | 'oga' | 'opus' | null {
  if (type.includes('mpeg') || type.includes('mp3')) return 'mp3'
  if (type.includes('mp4') || type.includes('m4a') || type.includes('aac')) return 'm4a'
  if (type.includes('opus')) return 'opus'
  if (type.includes('ogg')) return 'oga'
  return null
}

/** GUIDs are unique within a podcast: a feed that repeats one names the same episode twice. */
function guidTaken(error: unknown, guid: string | null): CastdeskError | null {
  const { code, message } = error as { code?: string; message?: string }
  if (code !== 'SQLITE_CONSTRAINT_UNIQUE' || !/episodes\.guid/.test(message ?? '')) return null
  return new CastdeskError(
    'duplicate',
    `This podcast already has another episode with the GUID "${guid}" (a GUID names one episode of a show). Give each item of the feed its own GUID and import again.`,
  )
}
