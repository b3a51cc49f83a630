import type MarkdownIt from 'markdown-it'
import { lazy, requireLazily } from '../platform/lazy'

/**
 * A paragraph block's Markdown as HTML. Raw HTML in the text is escaped, never passed through
 * (`html: false`), and markdown-it refuses javascript:, vbscript:, file: and non-image data: links,
 * so a podcaster's text cannot inject markup or script into a published page.
 */
const markdown = lazy(() => {
  const Markdown = requireLazily('markdown-it') as typeof MarkdownIt
  return new Markdown({ html: false, linkify: true, typographer: false })
})

export function renderMarkdown(text: string): string {
  return markdown().render(text)
}
