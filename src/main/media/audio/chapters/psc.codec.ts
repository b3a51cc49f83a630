import type * as FastXmlParser from 'fast-xml-parser'
import { isRecord, optionalUrl, positionAt, stripBom } from '../../../../shared/text-input'
import { formatClockTime, parseNormalPlayTime } from '../../../../shared/timecode'
import { lazy, requireLazily } from '../../../platform/lazy'
import { type Chapter, cleanTitle, failChapters, requireContent, sortChapters } from './chapter'

/** Podlove Simple Chapters 1.2: `<psc:chapters version="1.2">` with `<psc:chapter start title [href] [image]/>`. */

export const PSC_NAMESPACE = 'http://podlove.org/simple-chapters'

export interface PscSerializeOptions {
  /** Start with `<?xml version="1.0" encoding="UTF-8"?>`; default true. Off for embedding in a feed. */
  declaration?: boolean
}

const xml = lazy(() => requireLazily('fast-xml-parser') as typeof FastXmlParser)
const parser = lazy(
  () =>
    new (xml().XMLParser)({
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      removeNSPrefix: true,
      parseTagValue: false,
      parseAttributeValue: false,
      processEntities: false,
      isArray: (name) => name === 'chapter',
      captureMetaData: true,
    }),
)
const META = lazy(() => xml().XMLParser.getMetaDataSymbol() as unknown as symbol)

export function parse(text: string): Chapter[] {
  requireContent(text, 'Podlove Simple Chapters')
  const source = stripBom(text)
  const validation = xml().XMLValidator.validate(source)
  if (validation !== true) {
    const { line, msg } = validation.err
    failChapters(`Line ${line}: the Podlove Simple Chapters XML is broken (${msg}).`)
  }
  const container = findChapters(parseXml(source))
  if (!container) {
    failChapters(
      `This XML has no <psc:chapters> element with chapters (namespace ${PSC_NAMESPACE}), so it is not a Podlove Simple Chapters file.`,
    )
  }
  return container.map((element, index) => readChapter(element, index, source))
}

/** The parser refuses some valid XML (external entities, DOCTYPE tricks): a chapter error, not a crash. */
function parseXml(source: string): unknown {
  try {
    return parser().parse(source)
  } catch (error) {
    return failChapters(
      `The Podlove Simple Chapters XML cannot be read (${(error as Error).message}). Remove any DOCTYPE or entity declarations and try again.`,
    )
  }
}

function findChapters(node: unknown): unknown[] | null {
  if (!isRecord(node)) return null
  const chapters = node.chapters
  const list = Array.isArray(chapters) ? chapters : [chapters]
  for (const candidate of list) {
    if (isRecord(candidate) && Array.isArray(candidate.chapter)) return candidate.chapter
  }
  for (const value of Object.values(node)) {
    for (const child of Array.isArray(value) ? value : [value]) {
      const found = findChapters(child)
      if (found) return found
    }
  }
  return null
}

function readChapter(element: unknown, index: number, source: string): Chapter {
  const attributes = isRecord(element) ? element : {}
  const where = () => {
    const meta = (attributes as Record<symbol, { startIndex?: number } | undefined>)[META()]
    const line = meta?.startIndex === undefined ? '' : `Line ${positionAt(source, meta.startIndex).line}: `
    return `${line}chapter ${index + 1}`
  }
  const start = attributes['@_start']
  if (typeof start !== 'string') failChapters(`${where()} has no start attribute.`)
  const startMs = parseNormalPlayTime(decodeXml(start))
  if (startMs === null) {
    failChapters(
      `${where()} has a start time '${start}' that is not a valid time (expected HH:MM:SS or HH:MM:SS.mmm).`,
    )
  }
  const title = attributes['@_title']
  if (typeof title !== 'string') failChapters(`${where()} has no title attribute.`)
  return {
    startMs,
    title: cleanTitle(decodeXml(title)),
    link: optionalUrl(decodeAttribute(attributes['@_href'])),
    image: optionalUrl(decodeAttribute(attributes['@_image'])),
  }
}

function decodeAttribute(value: unknown): unknown {
  return typeof value === 'string' ? decodeXml(value) : value
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

/** The five XML entities and numeric character references, in one pass. */
function decodeXml(value: string): string {
  return value.replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (whole, dec, hex, name) => {
    if (name) return NAMED[name.toLowerCase()] ?? whole
    const code = dec ? Number.parseInt(dec, 10) : Number.parseInt(hex, 16)
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole
  })
}

// XML 1.0 cannot carry most control characters, so they are dropped rather than written broken.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching those characters is the point
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g

export function escapeXmlAttribute(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
}

export function serialize(chapters: readonly Chapter[], options: PscSerializeOptions = {}): string {
  const lines = options.declaration === false ? [] : ['<?xml version="1.0" encoding="UTF-8"?>']
  lines.push(`<psc:chapters version="1.2" xmlns:psc="${PSC_NAMESPACE}">`)
  for (const chapter of sortChapters(chapters)) {
    let element = `  <psc:chapter start="${formatClockTime(chapter.startMs)}" title="${escapeXmlAttribute(chapter.title)}"`
    if (chapter.link) element += ` href="${escapeXmlAttribute(chapter.link)}"`
    if (chapter.image) element += ` image="${escapeXmlAttribute(chapter.image)}"`
    lines.push(`${element}/>`)
  }
  lines.push('</psc:chapters>')
  return `${lines.join('\n')}\n`
}
