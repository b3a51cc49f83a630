import { fallbackSource } from '../media/images/markup'
import { attributes, escapeHtml } from '../media/images/markup/html-escape'
import type { ImageForSlot } from '../media/images/planner'
import { decodeEntities, htmlToText } from './html-text'
import { renderMarkdown } from './markdown'
import { absoluteUrl, type EpisodeModel, type ResolvedBlock, siteKeys } from './site-model'

/**
 * An episode's show notes for feeds (pure), built from its blocks: `html` for `content:encoded`
 * (headings, Markdown, images as `<img>` of their 1× rendition for the 1110 px slot with alt text,
 * gallery images, links to audio and video) with every URL absolute; `text` for `description` and
 * `itunes:summary` (the same notes as plain text). User text is escaped, so a title like
 * `<script>` stays text.
 */
export interface ShowNotes {
  html: string
  text: string
}

/** Apple shows at most this many characters of a summary. */
export const SUMMARY_LIMIT = 4000

export function showNotes(baseUrl: string, episode: EpisodeModel): ShowNotes {
  const pageUrl = absoluteUrl(baseUrl, siteKeys.page(episode.slug))
  const html = episode.blocks.map((block) => blockHtml(block, baseUrl)).join('\n')
  const text = episode.blocks
    .map(blockText)
    .filter((part) => part !== '')
    .join('\n\n')
  return {
    html: absolutize(html || `<p>${escapeHtml(episode.title)}</p>`, pageUrl),
    text: clip(text || episode.title, SUMMARY_LIMIT),
  }
}

function blockHtml(block: ResolvedBlock, baseUrl: string): string {
  switch (block.type) {
    case 'heading':
      return `<h2>${escapeHtml(block.text)}</h2>`
    case 'paragraph':
      return renderMarkdown(block.markdown).trim()
    case 'image':
      return `<p>${image(block.picture, block.alt)}</p>`
    case 'gallery':
      return `<p>${block.items.map((item) => image(item.modal, item.alt)).join(' ')}</p>`
    case 'audio': {
      const file = block.audio.files[0]
      if (!file) return ''
      return `<p><a${attributes([['href', absoluteUrl(baseUrl, file.key)]])}>Audio: ${escapeHtml(block.audio.title)}</a></p>`
    }
    case 'video':
      return `<p><a${attributes([['href', absoluteUrl(baseUrl, block.key)]])}>Video: ${escapeHtml(block.title)}</a></p>`
  }
}

/** The slot's 1× fallback (a rendition at most the slot's width, or a smaller original). */
function image(picture: ImageForSlot, alt: string): string {
  const source = fallbackSource(picture)
  if (!source?.src) return ''
  return `<img${attributes([
    ['src', source.src],
    ['alt', alt],
    ['width', picture.width],
    ['height', picture.height],
  ])}>`
}

function blockText(block: ResolvedBlock): string {
  switch (block.type) {
    case 'heading':
      return block.text.trim()
    case 'paragraph':
      return htmlToText(renderMarkdown(block.markdown))
    default:
      return ''
  }
}

/** Every `href` and `src` (page-relative in the model and in Markdown links) made absolute. */
function absolutize(html: string, pageUrl: string): string {
  return html.replace(/\s(href|src)="([^"]*)"/g, (whole, name: string, value: string) => {
    try {
      return ` ${name}="${escapeHtml(new URL(decodeEntities(value), pageUrl).toString())}"`
    } catch {
      return whole
    }
  })
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1).trimEnd()}…`
}
