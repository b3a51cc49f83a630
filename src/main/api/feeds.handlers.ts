import type { ApiHandlers } from '../../shared/api'
import { FeedImportService } from '../feeds/feed-import.service'
import { FeedImportRuns } from '../feeds/feed-import-runs'
import type { Library } from '../library/library'
import { FeedImportsRepository } from '../library/repositories/feed-imports.repository'

/**
 * `podcast.import`: a show brought in from its feed (the network guard applies to remote calls);
 * `podcast.cancelImport` stops the user's running import.
 */
export function feedHandlers(library: Library): Pick<ApiHandlers, 'podcast.import' | 'podcast.cancelImport'> {
  const runs = new FeedImportRuns()
  const service = () =>
    new FeedImportService({
      podcasts: library.podcasts.podcasts,
      episodes: library.podcasts.episodes,
      episodeRows: library.podcasts.episodeRows,
      feedImports: new FeedImportsRepository(library.db),
      importer: library.importer,
      audios: library.audio.audios,
      audioFiles: library.audio.files,
      chapters: library.audio.chapters,
      transcripts: library.audio.transcripts,
      config: library.config.feedImport,
      limits: library.config.uploadLimits,
      stagingDir: library.stagingDir,
      libraryDir: library.dir,
      clock: library.clock,
    })
  return {
    'podcast.import': async (input, { user, remote, onProgress }) => {
      const run = input.dryRun ? null : runs.start(user.id)
      try {
        const report = await service().run(user.id, {
          ...input,
          remote: remote ?? false,
          onProgress,
          signal: run?.signal,
        })
        library.log.info('podcast.import', {
          user: user.name,
          feed: report.feed,
          dryRun: report.dryRun,
          items: report.items.length,
          failed: report.failed,
          cancelled: report.cancelled,
        })
        return report
      } finally {
        run?.finish()
      }
    },
    'podcast.cancelImport': async (_input, { user }) => ({ cancelled: runs.cancel(user.id) }),
  }
}
