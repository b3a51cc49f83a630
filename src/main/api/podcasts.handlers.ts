import type { ApiHandlers } from '../../shared/api'
import { formatBytes } from '../../shared/format'
import type { Library } from '../library/library'
import { previewGrantsOf } from '../preview/preview-grants'
import { DEFAULT_PUBLISH_STORAGE } from '../publish/publish.service'
import { siteFiles } from '../publish/site-files'
import { siteKeys } from '../publish/site-model'

type PodcastOps =
  | 'podcast.init'
  | 'podcast.show'
  | 'podcast.update'
  | 'episodes.create'
  | 'episodes.update'
  | 'episodes.list'
  | 'episodes.show'
  | 'episodes.delete'
  | 'episodes.preview'
  | 'episodes.usage'
  | 'publish.targets'
  | 'publish.run'

/** The podcast, its episodes (media blocks) and publishing. */
export function podcastHandlers(library: Library): Pick<ApiHandlers, PodcastOps> {
  const { podcasts, episodes, episodeRows, siteModel, publisher } = library.podcasts
  return {
    'podcast.init': async (input, { user }) => podcasts.init(user.id, input),
    'podcast.show': async (_input, { user }) => podcasts.podcast(user.id),
    'podcast.update': async (input, { user }) => podcasts.update(user.id, input),
    'episodes.create': async (input, { user }) => episodes.create(user.id, input),
    'episodes.update': async ({ id, ...fields }, { user }) => episodes.update(user.id, id, fields),
    'episodes.list': async (_input, { user }) =>
      episodeRows.list(user.id).map(({ podcastId: _p, body: _b, ...summary }) => summary),
    'episodes.show': async ({ id }, { user }) => episodes.show(user.id, id),
    'episodes.delete': async ({ id }, { user }) => {
      episodes.delete(user.id, id)
      return { id, deleted: true }
    },
    'episodes.preview': async ({ id, mediaBase }, { user }) => {
      const podcast = podcasts.podcast(user.id)
      const episode = episodes.episode(user.id, id)
      const model = await siteModel.build(user.id, podcast, { mediaPrefix: mediaBase, episodes: [episode] })
      const html =
        siteFiles(model.podcast, model.episodes, { mediaPrefix: mediaBase }).files.get(
          siteKeys.page(episode.slug),
        ) ?? ''
      const token = previewGrantsOf(library).grant(user, id)
      return { id, html, path: `${token}/${encodeURIComponent(episode.slug)}/index.html` }
    },
    'episodes.usage': async ({ mediaId }, { user }) => episodeRows.usage(user.id, mediaId),
    'publish.targets': async () =>
      library.storages.registry
        .describe()
        .filter((storage) => storage.name !== 'default')
        .map(({ name, type }) => ({ name, type })),
    'publish.run': async ({ to, dryRun }, { user, onProgress }) => {
      // The media come from default; the site goes to `to`: both must be this library's, connected.
      await library.storages.identity.require(['default', to ?? DEFAULT_PUBLISH_STORAGE])
      const report = await publisher.publish(user.id, { to, dryRun }, (progress) =>
        onProgress?.({
          operation: 'publish.run',
          done: progress.filesDone,
          total: progress.filesTotal,
          detail: `${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)}`,
        }),
      )
      library.log.info('publish.done', {
        user: user.name,
        to: report.to,
        dryRun: report.dryRun,
        copied: report.copied,
        failures: report.failures.length,
      })
      return report
    },
  }
}
