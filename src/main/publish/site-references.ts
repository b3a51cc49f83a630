import { decodeEntities } from './html-text'
import { absoluteUrl } from './site-model'

/**
 * The files a site's pages point at that the site does not contain (pure): every `src`, `srcset`,
 * `poster`, `data-url`, `data-config` and `<link href>` of the markup Castdesk makes, and every
 * `<a href>` to a file (a path with an extension). Links the podcaster wrote in Markdown text may
 * name pages of their own site that Castdesk does not publish, so they are not checked; nor is
 * anything outside the base URL.
 */

export interface DanglingReference {
  /** The site key of the page or document. */
  from: string
  /** The reference as written there. */
  reference: string
  /** The site key it resolves to. */
  key: string
}

const ATTRIBUTE = /<(\w[\w-]*)\b[^>]*?>/g
const VALUE = /\s(src|srcset|poster|href|data-url|data-config)="([^"]*)"/g
/** A paragraph block: Markdown's HTML, which never holds a `<div>` (raw HTML is escaped). */
const PARAGRAPH_BLOCK = /<div class="block-paragraph">[\s\S]*?<\/div>/g

export function danglingReferences(
  baseUrl: string,
  keys: ReadonlySet<string>,
  documents: ReadonlyMap<string, string>,
): DanglingReference[] {
  const found: DanglingReference[] = []
  const check = (from: string, reference: string) => {
    const key = siteKeyOf(baseUrl, absoluteUrl(baseUrl, from), reference)
    if (key !== null && !keys.has(key)) found.push({ from, reference, key })
  }
  for (const [from, text] of documents) {
    if (from.endsWith('.html')) for (const reference of pageReferences(text)) check(from, reference)
  }
  return found
}

/** The references of a page's own markup (not its Markdown text), entities decoded. */
export function pageReferences(html: string): string[] {
  const references: string[] = []
  for (const [tag, element = ''] of html.replace(PARAGRAPH_BLOCK, '').matchAll(ATTRIBUTE)) {
    for (const [, name, raw = ''] of tag.matchAll(VALUE)) {
      const value = decodeEntities(raw)
      if (name === 'srcset') {
        for (const candidate of value.split(',')) {
          const url = candidate.trim().split(/\s+/)[0]
          if (url) references.push(url)
        }
      } else if (name === 'href' && element === 'a') {
        if (/\.[a-z0-9]+$/i.test(value.split(/[?#]/)[0] ?? '')) references.push(value)
      } else if (value !== '') {
        references.push(value)
      }
    }
  }
  return references
}

/** The site key a reference on the page at `pageUrl` names, or null when it is not in the site. */
function siteKeyOf(baseUrl: string, pageUrl: string, reference: string): string | null {
  if (/^(#|mailto:|tel:|data:|blob:)/i.test(reference)) return null
  let url: URL
  try {
    url = new URL(reference, pageUrl)
  } catch {
    return null
  }
  url.hash = ''
  url.search = ''
  const address = url.toString()
  if (!address.startsWith(baseUrl)) return null
  const path = address.slice(baseUrl.length)
  const key = path.split('/').map(decodeSegment).join('/')
  return key === '' || key.endsWith('/') ? `${key}index.html` : key
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment)
  } catch {
    return segment
  }
}
