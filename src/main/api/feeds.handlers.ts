import type { ApiHandlers } from '../../shared/api'
import { FeedImportService } from '../feeds/feed-import.service'
import type { Library } from '../library/library'
import { FeedImportsRepository } from '../library/repositories/feed-imports.repository'

/** `podcast.import`: a show brought in from its feed (the network guard applies to remote calls). */
export function feedHandlers(library: Library): Pick<ApiHandlers, 'podcast.import'> {
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
      const report = await service().run(user.id, { ...input, remote: remote ?? false, onProgress })
      library.log.info('podcast.import', {
        user: user.name,
        feed: report.feed,
        dryRun: report.dryRun,
        items: report.items.length,
        failed: report.failed,
      })
      return report
    },
  }
}
