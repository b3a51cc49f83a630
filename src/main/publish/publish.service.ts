import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { PublishReport } from '../../shared/api/podcasts.api'
import { CastdeskError } from '../../shared/errors'
import type { PodcastService } from '../library/services/podcast.service'
import { LocalStorage } from '../storage/local-storage'
import type { Storage } from '../storage/storage'
import type { TransferProgress } from '../storage/sync/progress-meter'
import type { SyncDeps } from '../storage/sync/sync.service'
import { feedWarnings } from './feed-checks'
import { playerAssets } from './player-assets'
import { PublishSource, stagedKeys, stageFiles } from './publish-source'
import { syncSite } from './publish-sync'
import { siteFiles } from './site-files'
import type { SiteModelService } from './site-model.service'
import { type DanglingReference, danglingReferences } from './site-references'

export interface PublishDeps {
  podcasts: PodcastService
  siteModel: SiteModelService
  /** The library's own storage, where the media files are. */
  mediaStorage: Storage
  sync: SyncDeps
  /** Where generated files are staged, one folder per user. */
  publishDir: string
  /** The cover image's pixel size and format, for the directories' artwork rule. */
  coverOf: (ownerId: number, imageId: number) => { width: number; height: number; format: string }
}

/** The storage a publish goes to when none is named. */
export const DEFAULT_PUBLISH_STORAGE = 'production'

/**
 * Publishing: builds the site from the user's podcast and published episodes, stages the generated
 * files, and copies the site into a named storage through the sync engine, so that files the
 * destination already holds with the same content are not transferred again.
 */
export class PublishService {
  constructor(private readonly deps: PublishDeps) {}

  async publish(
    ownerId: number,
    request: { to?: string; dryRun: boolean },
    onProgress?: (progress: TransferProgress) => void,
  ): Promise<PublishReport> {
    const started = this.deps.sync.now().getTime()
    const podcast = this.deps.podcasts.podcast(ownerId)
    if (!podcast.base_url) {
      throw new CastdeskError(
        'invalid_input',
        'The podcast has no base URL, and feeds need absolute URLs: set it with "castdesk podcast edit --base-url https://example.org/show/".',
      )
    }
    const to = request.to ?? DEFAULT_PUBLISH_STORAGE
    const { storages } = this.deps.sync
    storages.require([to], `Publishing to "${to}"`)
    if (to === 'default') {
      throw new CastdeskError(
        'invalid_input',
        'The "default" storage is the library itself: publish to another storage (e.g. --to production).',
      )
    }
    const model = await this.deps.siteModel.build(ownerId, podcast, { mediaPrefix: '../' })
    const cover = podcast.cover === null ? null : this.deps.coverOf(ownerId, podcast.cover)
    const warnings = feedWarnings({
      podcast: { ...model.podcast, cover },
      episodes: model.episodes.map((e) => ({
        title: e.title,
        hasAudio: e.audio !== null,
        durationMs: e.audio?.durationMs ?? null,
      })),
    })
    const player = playerAssets()
    const site = siteFiles(model.podcast, model.episodes, { playerVersion: player.version })
    const assets = site.usesPlayer ? player.files : new Map<string, string>()
    const keys = new Set([...site.files.keys(), ...model.mediaKeys, ...assets.keys()])
    const dangling = danglingReferences(model.podcast.baseUrl, keys, site.files)
    if (dangling.length > 0) throw brokenSite(dangling)
    // One staging folder per destination: it holds the site as last sent there, so a page that is
    // no longer part of the site (an episode unpublished or renamed) is known to be ours to remove.
    const staged = new LocalStorage('publish-staging', join(this.deps.publishDir, String(ownerId), to))
    // The staging folder is the library's own working folder, not a storage root: made here.
    await mkdir(staged.root, { recursive: true })
    const retired = (await stagedKeys(staged)).filter((key) => !site.files.has(key))
    await stageFiles(staged, site.files)
    const source = new PublishSource(
      staged,
      new Set(site.files.keys()),
      this.deps.mediaStorage,
      model.mediaKeys,
      {
        storage: new LocalStorage('podlove-web-player', player.dir),
        files: assets,
      },
    )
    const result = await syncSite(
      { source, sourceId: `publish:${ownerId} local:${staged.root}`, to, dryRun: request.dryRun, retired },
      this.deps.sync,
      onProgress,
    )
    if (!request.dryRun) {
      // Forget what the destination no longer has; what failed to go is tried again next time.
      const failed = new Set(result.failures.map((f) => f.key))
      for (const key of retired) if (!failed.has(key)) await staged.delete(key)
    }
    return {
      to,
      dryRun: request.dryRun,
      base_url: podcast.base_url,
      episodes: model.episodes.length,
      feeds: site.feeds,
      files: keys.size,
      renditions_made: model.renditionsMade,
      warnings,
      ...result,
      seconds: Math.round(this.deps.sync.now().getTime() - started) / 1000,
    }
  }
}

function brokenSite(dangling: readonly DanglingReference[]): CastdeskError {
  const lines = dangling.slice(0, 10).map((d) => `${d.from} → ${d.key}`)
  const more = dangling.length > 10 ? `\n… and ${dangling.length - 10} more` : ''
  return new CastdeskError(
    'invalid_site',
    `The site was not published: its pages point at ${dangling.length} file(s) it would not send:\n${lines.join('\n')}${more}\nRun "castdesk verify" to find missing library files, then edit the episodes that use them (or report this as a Castdesk bug if the file is one Castdesk makes).`,
  )
}
