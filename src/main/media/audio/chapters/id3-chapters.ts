import {
  decodeId3Text,
  type Id3Frame,
  parseFrames,
  parseId3Tag,
  serializeFrames,
  serializeId3Tag,
  terminatorAt,
} from './id3-frames'

/**
 * ID3v2 Chapter Frame Addendum 1.0: `CHAP` frames (element id, start and end in ms, byte offsets, then
 * sub-frames such as `TIT2` title and `WXXX` link) and a `CTOC` table of contents listing them.
 * ffmpeg writes CHAP frames with a title; older builds write no CTOC and no frame can carry a link,
 * so `completeId3Chapters` adds both to the tag ffmpeg wrote.
 */

export interface Id3Chapter {
  elementId: string
  startMs: number
  endMs: number
  title: string | null
  link: string | null
}

export interface Id3TableOfContents {
  elementId: string
  topLevel: boolean
  ordered: boolean
  children: string[]
}

/** A CTOC's entry count is one byte. */
export const MAX_ID3_TOC_ENTRIES = 255
const TOC_TOP_LEVEL = 0x02
const TOC_ORDERED = 0x01

interface ChapFrame {
  frame: Id3Frame
  elementId: string
  startMs: number
  endMs: number
  /** The body up to the sub-frames: element id, times and offsets. */
  head: Buffer
  subframes: Id3Frame[]
}

function readChap(frame: Id3Frame, version: 3 | 4): ChapFrame {
  const { end, next } = terminatorAt(frame.body, 0, 0)
  if (next + 16 > frame.body.length) throw new Error('a CHAP frame is too short')
  const head = frame.body.subarray(0, next + 16)
  return {
    frame,
    elementId: frame.body.toString('latin1', 0, end),
    startMs: frame.body.readUInt32BE(next),
    endMs: frame.body.readUInt32BE(next + 4),
    head,
    subframes: parseFrames(frame.body.subarray(next + 16), version).frames,
  }
}

function readToc(frame: Id3Frame): Id3TableOfContents {
  const body = frame.body
  const id = terminatorAt(body, 0, 0)
  const flags = body[id.next] ?? 0
  const count = body[id.next + 1] ?? 0
  const children: string[] = []
  let offset = id.next + 2
  for (let i = 0; i < count && offset < body.length; i++) {
    const child = terminatorAt(body, offset, 0)
    children.push(body.toString('latin1', offset, child.end))
    offset = child.next
  }
  return {
    elementId: body.toString('latin1', 0, id.end),
    topLevel: (flags & TOC_TOP_LEVEL) !== 0,
    ordered: (flags & TOC_ORDERED) !== 0,
    children,
  }
}

function textOf(frames: readonly Id3Frame[], id: string): string | null {
  const frame = frames.find((f) => f.id === id)
  if (!frame || frame.body.length === 0) return null
  const encoding = frame.body[0] ?? 0
  const { end } = terminatorAt(frame.body, 1, encoding)
  return decodeId3Text(encoding, frame.body.subarray(1, end))
}

function linkOf(frames: readonly Id3Frame[]): string | null {
  const frame = frames.find((f) => f.id === 'WXXX')
  if (!frame || frame.body.length === 0) return null
  const description = terminatorAt(frame.body, 1, frame.body[0] ?? 0)
  const url = frame.body.subarray(description.next)
  const zero = url.indexOf(0)
  const text = url.toString('latin1', 0, zero === -1 ? url.length : zero).trim()
  return text === '' ? null : text
}

/** The chapters and tables of contents of a whole ID3 tag (header included), in frame order. */
export function readId3Chapters(tagBytes: Buffer): { chapters: Id3Chapter[]; tocs: Id3TableOfContents[] } {
  const tag = parseId3Tag(tagBytes)
  const chapters = tag.frames
    .filter((frame) => frame.id === 'CHAP')
    .map((frame) => readChap(frame, tag.version))
    .map((chap) => ({
      elementId: chap.elementId,
      startMs: chap.startMs,
      endMs: chap.endMs,
      title: textOf(chap.subframes, 'TIT2'),
      link: linkOf(chap.subframes),
    }))
  const tocs = tag.frames.filter((frame) => frame.id === 'CTOC').map(readToc)
  return { chapters, tocs }
}

function wxxxFrame(link: string): Id3Frame {
  // Encoding 0 (Latin-1), an empty description, then the URL, which is ASCII once percent-encoded.
  return { id: 'WXXX', flags: 0, body: Buffer.concat([Buffer.from([0, 0]), Buffer.from(link, 'latin1')]) }
}

/** A chapter's picture: an `APIC` sub-frame of its CHAP frame (ID3 Chapter Frame Addendum, 3.1). */
export interface Id3Picture {
  mime: string
  data: Buffer
}

function apicFrame(picture: Id3Picture): Id3Frame {
  // Latin-1, the MIME type, picture type 0 ("other"), an empty description, then the image bytes.
  const head = Buffer.concat([
    Buffer.from([0]),
    Buffer.from(`${picture.mime}\0`, 'latin1'),
    Buffer.from([0, 0]),
  ])
  return { id: 'APIC', flags: 0, body: Buffer.concat([head, picture.data]) }
}

/** Start (ms) → picture size in bytes of every CHAP frame that carries an APIC sub-frame. */
export function id3ChapterPictures(tagBytes: Buffer): Map<number, number> {
  const tag = parseId3Tag(tagBytes)
  const pictures = new Map<number, number>()
  for (const frame of tag.frames.filter((f) => f.id === 'CHAP')) {
    const chap = readChap(frame, tag.version)
    const apic = chap.subframes.find((sub) => sub.id === 'APIC')
    if (apic) pictures.set(chap.startMs, apic.body.length)
  }
  return pictures
}

function tocFrame(children: readonly string[]): Id3Frame {
  const ids = children.map((child) => Buffer.from(`${child}\0`, 'latin1'))
  const head = Buffer.concat([
    Buffer.from('toc\0', 'latin1'),
    Buffer.from([TOC_TOP_LEVEL | TOC_ORDERED, ids.length]),
  ])
  return { id: 'CTOC', flags: 0, body: Buffer.concat([head, ...ids]) }
}

/**
 * The tag with each CHAP frame's link set to `linkAt(startMs)` (a `WXXX` sub-frame, replacing any
 * other), its picture to `pictureAt(startMs)` (an `APIC` sub-frame) and, when the tag has none, a top-level ordered CTOC listing the chapters by start, placed
 * before the first CHAP frame. Links must be ASCII (percent-encoded) URLs.
 */
export function completeId3Chapters(
  tagBytes: Buffer,
  linkAt: (startMs: number) => string | null,
  pictureAt: (startMs: number) => Id3Picture | null = () => null,
): Buffer {
  const tag = parseId3Tag(tagBytes)
  const chaps: ChapFrame[] = []
  const frames = tag.frames.map((frame) => {
    if (frame.id !== 'CHAP') return frame
    const chap = readChap(frame, tag.version)
    chaps.push(chap)
    const link = linkAt(chap.startMs)
    if (link !== null && !/^[\x21-\x7e]+$/.test(link)) throw new Error(`the link ${link} is not ASCII`)
    const picture = pictureAt(chap.startMs)
    const subframes = chap.subframes.filter(
      (sub) => sub.id !== 'WXXX' && (picture === null || sub.id !== 'APIC'),
    )
    if (link !== null) subframes.push(wxxxFrame(link))
    if (picture !== null) subframes.push(apicFrame(picture))
    return { ...frame, body: Buffer.concat([chap.head, serializeFrames(subframes, tag.version)]) }
  })
  const hasToc = frames.some((frame) => frame.id === 'CTOC')
  if (!hasToc && chaps.length > 0) {
    if (chaps.length > MAX_ID3_TOC_ENTRIES) {
      throw new Error(`an ID3 table of contents holds at most ${MAX_ID3_TOC_ENTRIES} chapters`)
    }
    const children = [...chaps].sort((a, b) => a.startMs - b.startMs).map((chap) => chap.elementId)
    frames.splice(
      frames.findIndex((frame) => frame.id === 'CHAP'),
      0,
      tocFrame(children),
    )
  }
  return serializeId3Tag({ ...tag, frames })
}
