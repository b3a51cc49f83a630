import { webUrl } from './feed-parser'

/**
 * Show notes (HTML from a feed, or plain text) as episode blocks (pure): headings, Markdown
 * paragraphs and images. Only text, emphasis, lists, line breaks and http(s)/mailto links are
 * kept; scripts, styles, frames, event handlers and `javascript:` links are dropped. Each image
 * becomes an image block pointing at its source URL (a relative one resolved against `base`, the
 * item's or the channel's link), which the importer downloads.
 */

export type NoteBlock =
  | { type: 'heading'; text: string }
  | { type: 'paragraph'; markdown: string }
  | { type: 'image'; url: string; alt: string }

const DROPPED =
  /<(script|style|iframe|object|embed|noscript|template|svg|math|form)\b[^>]*>[\s\S]*?<\/\1\s*>/gi
const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'blockquote',
  'pre',
  'table',
  'tr',
  'ul',
  'ol',
  'dl',
  'hr',
  'figure',
  'header',
  'footer',
])
const HEADING = /^h[1-6]$/
const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b((?:[^>"']|"[^"]*"|'[^']*')*)>|<!--[\s\S]*?-->|([^<]+)|</g

export function showNotesBlocks(notes: string, base: string | null = null): NoteBlock[] {
  if (!/<[a-zA-Z/!]/.test(notes)) return plainText(notes)
  const blocks: NoteBlock[] = []
  let buffer = ''
  let heading: string | null = null
  const links: Array<{ at: number; href: string | null }> = []
  const lists: Array<'ul' | 'ol'> = []
  const flush = () => {
    const markdown = buffer
      .replace(/[ \t]+\n/g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
    if (markdown) blocks.push({ type: 'paragraph', markdown })
    buffer = ''
  }
  for (const match of notes.replace(DROPPED, ' ').matchAll(TOKEN)) {
    const [whole, closing, rawTag, attributes, chunk] = match
    if (chunk !== undefined || whole === '<') {
      const words = escapeMarkdown(decodeHtml(chunk ?? '<')).replace(/\s+/g, ' ')
      if (heading !== null) heading += words
      else buffer += buffer.endsWith('\n') || buffer === '' ? words.trimStart() : words
      continue
    }
    if (!rawTag) continue
    const tag = rawTag.toLowerCase()
    if (HEADING.test(tag)) {
      if (!closing) {
        flush()
        heading = ''
      } else if (heading !== null) {
        const textOf = heading
          .replace(/\\([\\`*_[\]])/g, '$1')
          .trim()
          .slice(0, 255)
        if (textOf) blocks.push({ type: 'heading', text: textOf })
        heading = null
      }
    } else if (tag === 'img' && !closing) {
      const url = webUrl(decodeHtml(attribute(attributes ?? '', 'src')), base)
      if (url) {
        flush()
        blocks.push({ type: 'image', url, alt: decodeHtml(attribute(attributes ?? '', 'alt')).slice(0, 255) })
      }
    } else if (tag === 'br') {
      buffer += '\\\n'
    } else if (tag === 'li' && !closing) {
      const kind = lists[lists.length - 1] ?? 'ul'
      buffer += `\n${'  '.repeat(Math.max(0, lists.length - 1))}${kind === 'ol' ? '1.' : '-'} `
    } else if (tag === 'ul' || tag === 'ol') {
      if (!closing) {
        if (lists.length === 0) flush()
        lists.push(tag)
      } else {
        lists.pop()
        if (lists.length === 0) flush()
      }
    } else if (tag === 'strong' || tag === 'b') {
      buffer += '**'
    } else if (tag === 'em' || tag === 'i') {
      buffer += '*'
    } else if (tag === 'a') {
      if (!closing) {
        const href = decodeHtml(attribute(attributes ?? '', 'href')).trim()
        links.push({ at: buffer.length, href: safeHref(href) })
      } else {
        const link = links.pop()
        if (link?.href) {
          const label = buffer.slice(link.at).trim() || escapeMarkdown(link.href)
          buffer = `${buffer.slice(0, link.at)}[${label}](<${link.href.replace(/[<>\s]/g, encodeURIComponent)}>)`
        }
      }
    } else if (BLOCK.has(tag) && lists.length === 0) {
      flush()
    }
  }
  if (heading) buffer += heading
  flush()
  return blocks
}

function plainText(notes: string): NoteBlock[] {
  return notes
    .split(/\n\s*\n/)
    .map((part) => escapeMarkdown(part.trim()).replace(/\n/g, '  \n'))
    .filter(Boolean)
    .map((markdown) => ({ type: 'paragraph', markdown }))
}

function safeHref(href: string): string | null {
  if (/^mailto:[^\s]+@[^\s]+$/i.test(href)) return href
  return webUrl(href)
}

function attribute(attributes: string, name: string): string {
  const match = new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(
    attributes,
  )
  return match ? (match[1] ?? match[2] ?? match[3] ?? '') : ''
}

function escapeMarkdown(value: string): string {
  return value.replace(/([\\`*_[\]])/g, '\\$1')
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  hellip: '…',
  mdash: '—',
  ndash: '–',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  laquo: '«',
  raquo: '»',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  auml: 'ä',
  ouml: 'ö',
  uuml: 'ü',
  Auml: 'Ä',
  Ouml: 'Ö',
  Uuml: 'Ü',
  szlig: 'ß',
  eacute: 'é',
  egrave: 'è',
  aacute: 'á',
  agrave: 'à',
  ccedil: 'ç',
  ntilde: 'ñ',
  bull: '•',
  middot: '·',
}

export function decodeHtml(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});/g, (whole, ref: string) => {
    if (ref[0] !== '#') return NAMED[ref] ?? whole
    const code =
      ref[1] === 'x' || ref[1] === 'X' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}
