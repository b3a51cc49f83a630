import { readFile, stat, statfs } from 'node:fs/promises'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import pLimit from 'p-limit'
import type { ProgressEvent } from '../../shared/api'
import type { FeedImportItem, FeedImportReport } from '../../shared/api/feeds.api'
import type { PodcastInfo } from '../../shared/api/podcasts.api'
import type { FeedImportConfig, UploadLimits } from '../../shared/config-schema'
import { CastdeskError, toErrorBody } from '../../shared/errors'
import { formatBytes } from '../../shared/format'
import type { ImportService } from '../importer/import.service'
import { type Clock, isoNow } from '../library/clock'
import type { EpisodesRepository } from '../library/repositories/episodes.repository'
import type { FeedImportsRepository } from '../library/repositories/feed-imports.repository'
import type { AudioService } from '../library/services/audio.service'
import type { AudioChaptersService } from '../library/services/audio-chapters.service'
import type { AudioFilesService } from '../library/services/audio-files.service'
import type { AudioTranscriptsService } from '../library/services/audio-transcripts.service'
import type { EpisodeService } from '../library/services/episode.service'
import type { PodcastService } from '../library/services/podcast.service'
import { currentDigests, importItem } from './feed-episode.executor'
import { FeedMedia } from './feed-media'
import type { ParsedFeed } from './feed-model'
import { parseFeed } from './feed-parser'
import { canonical, digest, type FeedPlan, type KnownItem, lockWarnings, planFeed } from './feed-plan'
import { type FetchPolicy, fetchText, headSize } from './http-fetch'

export interface FeedImportDeps {
  podcasts: PodcastService
  episodes: EpisodeService
  episodeRows: EpisodesRepository
  feedImports: FeedImportsRepository
  importer: ImportService
  audios: AudioService
  audioFiles: AudioFilesService
  chapters: AudioChaptersService
  transcripts: AudioTranscriptsService
  config: FeedImportConfig
  limits: UploadLimits
  stagingDir: string
  libraryDir: string
  clock: Clock
}

export interface FeedImportOptions {
  feed: string
  limit?: number
  dryRun: boolean
  media: boolean
  /** A call from the network: only http(s) feeds, and the private-address guard unless allowed. */
  remote: boolean
  onProgress?: (event: ProgressEvent) => void
  /** Each item as it finishes (the CLI's JSON lines). */
  onItem?: (item: FeedImportItem) => void
  /** Aborted by podcast.cancelImport: downloads stop, finished items stay, the rest resume next time. */
  signal?: AbortSignal
}

/**
 * `podcast import`: reads the feed, plans (see feed-plan), and unless it is a dry run imports the
 * podcast's fields and cover, then each item with bounded concurrency.
 */
export class FeedImportService {
  constructor(private readonly deps: FeedImportDeps) {}

  async run(ownerId: number, options: FeedImportOptions): Promise<FeedImportReport> {
    const started = this.deps.clock.now().getTime()
    const policy: FetchPolicy = {
      allowPrivate: !options.remote || this.deps.config.allowPrivateNetworks,
      stallMs: this.deps.config.stallSeconds * 1000,
      signal: options.signal,
    }
    const { feed, feedUrl } = await this.load(options.feed, options.remote, policy)
    const existing = this.findPodcast(ownerId, feed, feedUrl)
    const plan = this.plan(ownerId, existing, feed, options)
    await this.measure(plan, policy)
    const bytesNeeded = plan.items.flatMap((i) => i.downloads).reduce((sum, d) => sum + (d.bytes ?? 0), 0)
    const bytesFree = await statfs(this.deps.libraryDir).then(
      (s) => s.bavail * s.bsize,
      () => null,
    )
    const report: FeedImportReport = {
      feed: feedUrl,
      dryRun: options.dryRun,
      podcast: {
        id: existing?.id ?? null,
        title: plan.podcast.values.title,
        action: !existing ? 'create' : plan.podcast.fields.length ? 'update' : 'unchanged',
        fields: plan.podcast.fields,
        conflicts: plan.podcast.conflicts,
        guid: plan.podcast.values.guid,
      },
      items: plan.items.map(({ item: _item, key: _key, episodeId, ...rest }) => ({
        ...rest,
        episode: episodeId,
        errors: [],
      })),
      left_out: plan.leftOut,
      not_kept: plan.notKept,
      warnings: lockWarnings(feed.podcast.locked),
      bytes_needed: bytesNeeded,
      bytes_free: bytesFree,
      downloaded_bytes: 0,
      failed: 0,
      cancelled: false,
      seconds: 0,
    }
    if (options.dryRun) return this.finish(report, started)
    if (options.signal?.aborted)
      throw new CastdeskError(
        'cancelled',
        'The import was stopped on request before it began; nothing changed.',
      )
    if (bytesFree !== null && bytesNeeded > bytesFree) {
      throw new CastdeskError(
        'disk_full',
        `The feed's files need ${formatBytes(bytesNeeded)}, but only ${formatBytes(bytesFree)} is free for the library. Free up space, or import the newest episodes first with --limit N.`,
      )
    }
    const media = new FeedMedia({ ...this.deps, policy })
    const podcast = await this.importPodcast(ownerId, existing, plan, feedUrl, media)
    report.podcast.id = podcast.id
    const executor = {
      ...this.deps,
      media,
      policy,
      now: () => isoNow(this.deps.clock),
      signal: options.signal,
    }
    const limit = pLimit(3)
    let done = 0
    report.items = await Promise.all(
      plan.items.map((planned, index) =>
        limit(async () => {
          if (options.signal?.aborted)
            return { ...(report.items[index] as FeedImportItem), status: 'cancelled' as const }
          const item = await importItem(executor, ownerId, podcast.id, planned, options.media).catch(
            (error): FeedImportItem =>
              ({
                ...report.items[plan.items.indexOf(planned)],
                status: 'failed',
                errors: [toErrorBody(error)],
              }) as FeedImportItem,
          )
          done++
          options.onProgress?.({
            operation: 'podcast.import',
            done,
            total: plan.items.length,
            detail: planned.title,
          })
          options.onItem?.(item)
          return item
        }),
      ),
    )
    report.downloaded_bytes = media.downloaded
    report.failed = report.items.filter((i) => i.errors.length > 0).length
    report.cancelled = options.signal?.aborted ?? false
    return this.finish(report, started)
  }

  private finish(report: FeedImportReport, started: number): FeedImportReport {
    report.seconds = Math.round(this.deps.clock.now().getTime() - started) / 1000
    return report
  }

  private async load(
    source: string,
    remote: boolean,
    policy: FetchPolicy,
  ): Promise<{ feed: ParsedFeed; feedUrl: string }> {
    const max = this.deps.config.maxFeedBytes
    if (/^https?:\/\//i.test(source)) {
      const { text } = await fetchText(source, policy, max, 'feed')
      return { feed: parseFeed(text, source), feedUrl: source }
    }
    if (remote) {
      throw new CastdeskError(
        'invalid_input',
        `"${source}" is not an http or https address. Over the network, give the feed's web address; a feed file can be imported with the castdesk command.`,
      )
    }
    const path = resolve(source)
    const info = await stat(path).catch(() => {
      throw new CastdeskError(
        'unreadable_file',
        `Cannot read ${path}. Give the feed's web address or a feed file.`,
      )
    })
    if (info.size > max) {
      throw new CastdeskError(
        'file_too_large',
        `${path} is ${formatBytes(info.size)}; a feed may be at most ${formatBytes(max)}.`,
      )
    }
    const feed = parseFeed(await readFile(path, 'utf8'), path)
    return { feed, feedUrl: feed.podcast.newFeedUrl ?? pathToFileURL(path).toString() }
  }

  /** The user's podcast this feed updates; another show is refused (one podcast per user). */
  private findPodcast(ownerId: number, feed: ParsedFeed, feedUrl: string): PodcastInfo | null {
    let existing: PodcastInfo
    try {
      existing = this.deps.podcasts.podcast(ownerId)
    } catch {
      return null
    }
    const state = this.deps.feedImports.podcastState(existing.id)
    const urls = new Set([feedUrl, feed.podcast.newFeedUrl].filter(Boolean))
    const same =
      (state !== null && (urls.has(state.feedUrl) || urls.has(existing.feed_url))) ||
      (feed.podcast.guid !== '' && existing.guid === feed.podcast.guid) ||
      (state === null && existing.title.trim().toLowerCase() === feed.podcast.title.trim().toLowerCase())
    if (same) return existing
    throw new CastdeskError(
      'podcast_exists',
      `You already have the podcast "${existing.title}", and this feed is another show ("${feed.podcast.title}"). Each user has one podcast: import it as another user, e.g. "castdesk --user NAME podcast import FEED".`,
    )
  }

  private plan(
    ownerId: number,
    existing: PodcastInfo | null,
    feed: ParsedFeed,
    options: FeedImportOptions,
  ): FeedPlan {
    if (!existing) return planFeed(feed, { podcast: null, items: [] }, options)
    const state = this.deps.feedImports.podcastState(existing.id)
    const records = new Map(this.deps.episodeRows.list(ownerId).map((e) => [e.id, e]))
    const items: KnownItem[] = this.deps.feedImports.items(existing.id).flatMap((row) => {
      const record = records.get(row.episodeId)
      if (!record) return []
      return [{ ...row, key: row.itemGuid, current: currentDigests(record) }]
    })
    return planFeed(
      feed,
      { podcast: { digests: state?.digests ?? {}, current: podcastDigests(existing) }, items },
      options,
    )
  }

  /** Sizes the feed does not give, from HEAD requests (a few at a time). */
  private async measure(plan: FeedPlan, policy: FetchPolicy): Promise<void> {
    const limit = pLimit(4)
    const unknown = plan.items
      .flatMap((i) => i.downloads)
      .filter((d) => d.bytes === null && (d.kind === 'audio' || d.kind === 'alternate'))
    await Promise.all(
      unknown.map((d) =>
        limit(async () => {
          d.bytes = await headSize(d.url, policy)
        }),
      ),
    )
  }

  private async importPodcast(
    ownerId: number,
    existing: PodcastInfo | null,
    plan: FeedPlan,
    feedUrl: string,
    media: FeedMedia,
  ): Promise<PodcastInfo> {
    const { values, fields } = plan.podcast
    const set = new Set(fields)
    const { cover: coverUrl, ...all } = values
    const text = Object.fromEntries(
      Object.entries(all).filter(([k, v]) => k !== 'language' || v !== ''),
    ) as typeof all
    const chosen = Object.fromEntries(Object.entries(text).filter(([k]) => !existing || set.has(k)))
    let podcast = existing
      ? this.deps.podcasts.update(ownerId, { ...chosen, feedUrl })
      : this.deps.podcasts.init(ownerId, { ...text, title: text.title, feedUrl })
    if (coverUrl && (!existing || set.has('cover'))) {
      try {
        const cover = await media.image(ownerId, coverUrl, 'podcast-cover')
        podcast = this.deps.podcasts.update(ownerId, { cover })
      } catch {
        set.delete('cover')
      }
    }
    const current = podcastDigests(podcast)
    const state = this.deps.feedImports.podcastState(podcast.id)
    const digests = { ...(state?.digests ?? {}) }
    for (const [field, value] of Object.entries(values)) {
      if (existing && !set.has(field)) continue
      digests[field] = { set: current[field] ?? '', src: digest(value) }
    }
    this.deps.feedImports.savePodcastState(podcast.id, feedUrl, digests, isoNow(this.deps.clock))
    return podcast
  }
}

function podcastDigests(podcast: PodcastInfo): Record<string, string> {
  return {
    title: digest(podcast.title),
    subtitle: digest(podcast.subtitle),
    description: digest(podcast.description),
    language: digest(podcast.language),
    category: digest(podcast.category),
    explicit: digest(podcast.explicit),
    author: digest(podcast.author),
    ownerName: digest(podcast.owner_name),
    ownerEmail: digest(podcast.owner_email),
    guid: digest(podcast.guid),
    persons: digest(canonical.persons(podcast.persons)),
    funding: digest(canonical.funding(podcast.funding)),
    locked: digest(canonical.locked(podcast.locked)),
    cover: digest(podcast.cover),
  }
}
