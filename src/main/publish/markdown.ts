import MarkdownIt from 'markdown-it'

/**
 * A paragraph block's Markdown as HTML. Raw HTML in the text is escaped, never passed through
 * (`html: false`), and markdown-it refuses javascript:, vbscript:, file: and non-image data: links,
 * so a podcaster's text cannot inject markup or script into a published page.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false })

export function renderMarkdown(text: string): string {
  return markdown.render(text)
}
