import { escapeHtml } from '../media/images/markup/html-escape'
import { document } from './episode-page'
import { renderMarkdown } from './markdown'
import { type EpisodeModel, type PodcastModel, relativeUrl, siteKeys } from './site-model'

/** The podcast's front page (pure): its description, its feeds and its episodes, newest first. */
export function indexPage(
  podcast: PodcastModel,
  episodes: readonly EpisodeModel[],
  feeds: readonly string[],
): string {
  const href = (key: string) => relativeUrl(siteKeys.index, key)
  const list = episodes
    .map(
      (episode) =>
        `<li><a href="${href(siteKeys.page(episode.slug))}">${escapeHtml(episode.title)}</a> <time datetime="${escapeHtml(episode.published)}">${escapeHtml(episode.published.slice(0, 10))}</time></li>`,
    )
    .join('')
  const feedLinks = feeds
    .map((key) => `<li><a href="${href(key)}">${escapeHtml(key.split('/')[2] ?? key)} feed</a></li>`)
    .join('')
  const content = [
    `<h1>${escapeHtml(podcast.title)}</h1>`,
    podcast.subtitle ? `<p class="meta">${escapeHtml(podcast.subtitle)}</p>` : '',
    podcast.description ? `<div class="description">${renderMarkdown(podcast.description)}</div>` : '',
    `<ul class="episodes">${list}</ul>`,
    feedLinks ? `<ul class="feeds">${feedLinks}</ul>` : '',
  ]
  return document(podcast, podcast.title, href, content.filter(Boolean).join('\n'), { feeds })
}
