import type { XMLParser } from 'fast-xml-parser'
import { CastdeskError } from '../../shared/errors'
import { lazy, requireLazily } from '../platform/lazy'

/**
 * Safe XML for feeds fetched from anyone (pure). Entities are never expanded and no DTD is ever
 * read: a feed that declares entities (the way external-entity and "billion laughs" attacks work)
 * is refused before parsing; a plain DOCTYPE is ignored. Only XML's five predefined entities and
 * numeric character references are decoded, by hand.
 */

export type XmlNode = Record<string, unknown>

const ARRAYS = new Set([
  'item',
  'itunes:category',
  'podcast:transcript',
  'podcast:alternateEnclosure',
  'podcast:source',
  'podcast:person',
  'podcast:funding',
  'psc:chapter',
  'atom:link',
  'enclosure',
])

const parser = lazy(
  () =>
    new (requireLazily('fast-xml-parser').XMLParser as typeof XMLParser)({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      processEntities: false,
      htmlEntities: false,
      cdataPropName: '__cdata',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      isArray: (name) => ARRAYS.has(name),
    }),
)

/** Parses a feed's XML text into plain objects; throws `invalid_feed` for anything that is not an RSS feed. */
export function parseFeedXml(text: string, name: string): XmlNode {
  const start = text.search(/<[A-Za-z]/)
  const prolog = start < 0 ? text : text.slice(0, start)
  if (/<!ENTITY/i.test(prolog)) {
    throw new CastdeskError(
      'invalid_feed',
      `${name} declares XML entities, which podcast feeds never need and which are a known way to attack a reader; Castdesk did not read it. Check that this is the right feed.`,
    )
  }
  if (start < 0 || /^<html\b/i.test(text.slice(start, start + 5))) {
    throw new CastdeskError(
      'invalid_feed',
      `${name} is not an RSS feed${start >= 0 ? ' but a web page' : ''}. Give the address of the podcast's RSS feed (the host shows it as "RSS" or "feed URL").`,
    )
  }
  let parsed: XmlNode
  try {
    parsed = parser().parse(prolog.replace(/<!DOCTYPE[^>]*>/gi, '') + text.slice(start)) as XmlNode
  } catch (error) {
    throw new CastdeskError(
      'invalid_feed',
      `${name} is not well-formed XML (${(error as Error).message}). Check the feed in a feed validator.`,
    )
  }
  const channel = child(child(parsed, 'rss'), 'channel')
  if (!channel) {
    throw new CastdeskError(
      'invalid_feed',
      `${name} is XML but not an RSS 2.0 podcast feed (no <rss><channel>). Give the podcast's RSS feed.`,
    )
  }
  return channel
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** XML's predefined entities and character references; anything else stays as written. */
export function decodeXml(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    if (ref[0] !== '#') return PREDEFINED[ref] ?? whole
    const code = ref[1] === 'x' ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10)
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

export function child(node: unknown, name: string): XmlNode | undefined {
  if (!node || typeof node !== 'object') return undefined
  const value = (node as XmlNode)[name]
  const first = Array.isArray(value) ? value[0] : value
  if (first === undefined || first === null) return undefined
  return typeof first === 'object' ? (first as XmlNode) : { '#text': first }
}

export function children(node: unknown, name: string): XmlNode[] {
  if (!node || typeof node !== 'object') return []
  const value = (node as XmlNode)[name]
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return list.map((entry) => (entry && typeof entry === 'object' ? (entry as XmlNode) : { '#text': entry }))
}

/** The text of an element: its decoded text and its CDATA sections as written. */
export function text(node: unknown): string {
  if (node === undefined || node === null) return ''
  if (typeof node !== 'object') return decodeXml(String(node))
  const record = node as XmlNode
  const plain = record['#text'] === undefined ? '' : decodeXml(String(record['#text']))
  const cdata = record.__cdata
  const raw = Array.isArray(cdata) ? cdata.map(String).join('') : cdata === undefined ? '' : String(cdata)
  return (plain + raw).trim()
}

export function childText(node: unknown, name: string): string {
  return text(child(node, name))
}

export function attr(node: unknown, name: string): string {
  if (!node || typeof node !== 'object') return ''
  const value = (node as XmlNode)[`@_${name}`]
  return value === undefined ? '' : decodeXml(String(value)).trim()
}
