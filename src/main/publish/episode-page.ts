import { fallbackSource, galleryMarkup, regularPictureMarkup } from '../media/images/markup'
import { attributes, escapeHtml } from '../media/images/markup/html-escape'
import type { ImageForSlot } from '../media/images/planner'
import { renderMarkdown } from './markdown'
import { contentSecurityPolicy } from './page-csp'
import {
  type AudioModel,
  type EpisodeModel,
  keyPath,
  type PodcastModel,
  type ResolvedBlock,
  relativeUrl,
  siteKeys,
} from './site-model'

/**
 * An episode's HTML page (pure): django-cast's block markup — `<picture>` for images, the plain
 * gallery list, `<video>` with its poster, the audio as a Podlove Web Player element whose
 * fallback content is a plain `<audio>` — with every media URL relative to the page, so the site
 * works from any folder or address. Image URLs arrive already resolved in the model.
 */
export function episodePage(podcast: PodcastModel, episode: EpisodeModel, links: PageLinks): string {
  const pageKey = siteKeys.page(episode.slug)
  const href = (key: string) => relativeUrl(pageKey, key)
  const media = (key: string) => `${links.mediaPrefix}${keyPath(key)}`
  const meta = [
    `<time datetime="${escapeHtml(episode.published)}">${escapeHtml(episode.published.slice(0, 10))}</time>`,
    episode.season === null ? null : `Season ${episode.season}`,
    episode.number === null ? null : `Episode ${episode.number}`,
    episode.type === 'full' ? null : escapeHtml(episode.type),
  ].filter((part) => part !== null)
  const parts = [
    `<h1>${escapeHtml(episode.title)}</h1>`,
    `<p class="meta">${meta.join(' · ')}</p>`,
    episode.cover ? `<div class="cover">${linkedPicture(episode.cover, episode.title)}</div>` : '',
    episode.audio ? audioPlayer(episode.audio, href, media, links, links.playerKey(episode.audio.id)) : '',
    ...episode.blocks.map((block) => blockMarkup(block, href, media, links)),
    episode.audio ? episodeFiles(episode, href) : '',
  ]
  return document(podcast, `${episode.title} – ${podcast.title}`, href, parts.filter(Boolean).join('\n'), {
    feeds: links.feeds,
    ...(hasPlayer(episode) && links.player
      ? {
          scripts: [links.player.embed, links.player.starter],
          scriptHashes: links.player.scriptHashes,
        }
      : {}),
  })
}

function hasPlayer(episode: EpisodeModel): boolean {
  return episode.audio !== null || episode.blocks.some((block) => block.type === 'audio')
}

export interface PageLinks {
  /** The key of the Podlove player data of an audio on this page. */
  playerKey: (audioId: number) => string
  /** Feed keys, for `<link rel="alternate">`. */
  feeds: readonly string[]
  /** What media keys are prefixed with: `../` in the site, the app's media URL in a preview. */
  mediaPrefix: string
  /** Keys of the self-hosted Podlove Web Player's scripts and config; null: the plain `<audio>` only. */
  player: {
    embed: string
    starter: string
    config: string
    base: string
    /** Hashes of the inline scripts the player writes into its frame (the page's CSP); null: no CSP. */
    scriptHashes: string[] | null
  } | null
}

function blockMarkup(
  block: ResolvedBlock,
  href: (key: string) => string,
  media: (key: string) => string,
  links: PageLinks,
): string {
  switch (block.type) {
    case 'heading':
      return `<h2>${escapeHtml(block.text)}</h2>`
    case 'paragraph':
      return `<div class="block-paragraph">${renderMarkdown(block.markdown)}</div>`
    case 'image':
      return `<div class="block-image">${linkedPicture(block.picture, block.alt)}</div>`
    case 'gallery':
      return `<div class="block-gallery" id="gallery-${escapeHtml(block.id)}">${galleryMarkup(block.items)}</div>`
    case 'audio':
      return audioPlayer(block.audio, href, media, links, links.playerKey(block.audio.id))
    case 'video':
      return `<div class="block-video"><video${attributes([
        ['class', 'cast-video'],
        ['preload', 'auto'],
        ['controls', ''],
        ['poster', block.posterKey ? media(block.posterKey) : null],
        ['width', block.width],
        ['height', block.height],
        ['title', block.title],
      ])}><source${attributes([
        ['src', media(block.key)],
        ['type', block.mime],
      ])}></video></div>`
  }
}

/** django-cast's regular image: the `<picture>` inside a link to its 1× JPEG. */
function linkedPicture(picture: ImageForSlot, alt: string): string {
  const target = fallbackSource(picture)?.src ?? null
  const inner = regularPictureMarkup(picture, alt)
  return target ? `<a${attributes([['href', target]])}>${inner}</a>` : inner
}

/**
 * `<podlove-player>`: the site's player starter runs the Podlove Web Player on it with the episode
 * data (`data-url`) and the config (`data-config`); without JavaScript, the `<audio>` inside plays.
 */
function audioPlayer(
  audio: AudioModel,
  href: (key: string) => string,
  media: (key: string) => string,
  links: PageLinks,
  playerKey: string,
): string {
  const sources = audio.files
    .map(
      (file) =>
        `<source${attributes([
          ['src', media(file.key)],
          ['type', file.mime],
        ])}>`,
    )
    .join('')
  return `<div class="block-audio"><podlove-player${attributes([
    ['data-variant', 'xl'],
    ['data-url', href(playerKey)],
    ['data-config', links.player ? href(links.player.config) : null],
    ['data-base', links.player ? href(links.player.base) : null],
  ])}><audio${attributes([
    ['class', 'cast-audio'],
    ['controls', ''],
    ['preload', 'metadata'],
    ['title', audio.title],
  ])}>${sources}</audio></podlove-player></div>`
}

function episodeFiles(episode: EpisodeModel, href: (key: string) => string): string {
  const audio = episode.audio as AudioModel
  const items: string[] = []
  if (audio.chapters.length > 0) {
    items.push(`<li><a href="${href(siteKeys.chapters(episode.slug))}">Chapters (JSON)</a></li>`)
  }
  if (audio.cues.length > 0) {
    items.push(`<li><a href="${href(siteKeys.transcriptVtt(episode.slug))}">Transcript (WebVTT)</a></li>`)
    items.push(`<li><a href="${href(siteKeys.transcriptJson(episode.slug))}">Transcript (JSON)</a></li>`)
  }
  return items.length ? `<ul class="episode-files">${items.join('')}</ul>` : ''
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:48rem;margin:0 auto;padding:1rem;line-height:1.5}
img,video{max-width:100%;height:auto}.cast-gallery-list{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.meta{color:#555}audio{width:100%}podlove-player{display:block;width:100%}`

export interface DocumentParts {
  /** Feed keys, for `<link rel="alternate">`. */
  feeds?: readonly string[]
  /** Keys of the site's scripts the page runs (deferred, in order). */
  scripts?: readonly string[]
  /** Inline-script hashes the page's CSP allows; null: the page carries no CSP. */
  scriptHashes?: readonly string[] | null
}

/** The page around the content: title, language, CSP, feed links, a little CSS, its scripts. */
export function document(
  podcast: PodcastModel,
  title: string,
  href: (key: string) => string,
  content: string,
  { feeds = [], scripts = [], scriptHashes = [] }: DocumentParts = {},
): string {
  const csp =
    scriptHashes === null
      ? ''
      : `\n<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(scriptHashes, podcast.baseUrl))}">`
  const alternates = feeds
    .map(
      (key) =>
        `<link${attributes([
          ['rel', 'alternate'],
          ['type', 'application/rss+xml'],
          ['title', podcast.title],
          ['href', href(key)],
        ])}>`,
    )
    .join('')
  return `<!doctype html>
<html lang="${escapeHtml(podcast.language)}">
<head>
<meta charset="utf-8">${csp}
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>${alternates}
<style>${STYLE}</style>
</head>
<body>
<header><a href="${href(siteKeys.index)}">${escapeHtml(podcast.title)}</a></header>
<main>
${content}
</main>${scripts.map((key) => `\n<script defer src="${href(key)}"></script>`).join('')}
</body>
</html>
`
}
