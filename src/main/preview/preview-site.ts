import type { Library } from '../library/library'
import { playerAssets } from '../publish/player-assets'
import { siteFiles } from '../publish/site-files'
import type { PreviewGrant } from './preview-grants'

export interface PreviewSite {
  /** The episode page's key, e.g. `my-episode/index.html`. */
  pageKey: string
  /** The generated files of a one-episode site (page, player data, chapters, transcript, player config). */
  files: Map<string, string>
  usesPlayer: boolean
  /** The library files the page and its player data point at: the only media the preview serves. */
  mediaKeys: Set<string>
}

/**
 * The site `publish` would make for the grant's episode alone, with the self-hosted player and
 * `baseUrl` (the preview's own folder) as the site's address, so that the player data's absolute
 * file URLs come back to the preview, which serves the user's own media under their keys.
 */
export async function previewSite(
  library: Library,
  grant: PreviewGrant,
  baseUrl: string,
): Promise<PreviewSite> {
  const { podcasts, episodes, siteModel } = library.podcasts
  const podcast = podcasts.podcast(grant.user.id)
  const episode = episodes.episode(grant.user.id, grant.episodeId)
  const model = await siteModel.build(grant.user.id, podcast, { mediaPrefix: '../', episodes: [episode] })
  const site = siteFiles({ ...model.podcast, baseUrl }, model.episodes, {
    playerVersion: playerAssets().version,
  })
  return {
    pageKey: `${episode.slug}/index.html`,
    files: site.files,
    usesPlayer: site.usesPlayer,
    mediaKeys: model.mediaKeys,
  }
}
