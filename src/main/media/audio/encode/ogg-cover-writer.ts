import { createReadStream, createWriteStream } from 'node:fs'
import { open, readFile } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type SharpFactory from 'sharp'
import { lazy, requireLazily } from '../../../platform/lazy'
import { buildPage, type OggPage, packetsOf, paginate, parsePage } from './ogg-pages.codec'
import { headerPacketCount, pictureBlock, withComment } from './ogg-picture.codec'

const sharp = lazy(() => requireLazily('sharp') as typeof SharpFactory)

/** ffmpeg's Ogg headers (without a picture) are a few kB; more than this is not a header. */
const MAX_HEADER_BYTES = 4 * 1024 * 1024

/**
 * Copies an Ogg Opus or Vorbis file with the JPEG as its cover: a METADATA_BLOCK_PICTURE comment
 * (ffmpeg 4 writes none, and a command line cannot carry a large one). The header pages are built
 * anew; the audio pages are streamed, renumbered (with their CRC) when the header took more pages.
 */
export async function writeOggWithCover(source: string, output: string, jpegPath: string): Promise<void> {
  const data = await readFile(jpegPath)
  const { width = 0, height = 0 } = await sharp()(data).metadata()
  const comment = `METADATA_BLOCK_PICTURE=${pictureBlock({ mime: 'image/jpeg', width, height, data })}`
  const { pages, end } = await readHeaderPages(source)
  const [first, ...rest] = pages
  if (!first) throw new Error('the Ogg file has no pages')
  const packets = packetsOf(pages)
  const [comments, ...after] = packets.slice(1)
  if (!comments) throw new Error('the Ogg file has no comment header')
  const header = [first, ...paginate([withComment(comments, comment), ...after], first.serial, 1)]
  const shift = header.length - 1 - rest.length
  const out = createWriteStream(output, { flags: 'wx' })
  out.write(Buffer.concat(header.map(buildPage)))
  const audio = createReadStream(source, { start: end })
  await pipeline(shift === 0 ? audio : Readable.from(renumbered(audio, shift)), out)
}

/** The pages up to the end of the last header packet (the audio starts on a page of its own). */
async function readHeaderPages(source: string): Promise<{ pages: OggPage[]; end: number }> {
  const handle = await open(source, 'r')
  try {
    const buffer = Buffer.alloc(MAX_HEADER_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    const bytes = buffer.subarray(0, bytesRead)
    const pages: OggPage[] = []
    let offset = 0
    let needed = Number.POSITIVE_INFINITY
    while (true) {
      const parsed = parsePage(bytes, offset)
      if (!parsed) throw new Error('the Ogg headers are cut short')
      pages.push(parsed.page)
      offset += parsed.length
      const packets = packetsOf(pages)
      if (packets[0] && needed === Number.POSITIVE_INFINITY) needed = headerPacketCount(packets[0])
      if (packets.length >= needed) {
        const last = parsed.page.segments.at(-1)
        if (packets.length > needed || last === 255) throw new Error('audio shares a page with the headers')
        return { pages, end: offset }
      }
    }
  } finally {
    await handle.close()
  }
}

async function* renumbered(input: AsyncIterable<Buffer>, shift: number): AsyncGenerator<Buffer> {
  let pending: Buffer = Buffer.alloc(0)
  for await (const chunk of input) {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk])
    const out: Buffer[] = []
    let offset = 0
    for (let parsed = parsePage(pending, offset); parsed; parsed = parsePage(pending, offset)) {
      out.push(buildPage({ ...parsed.page, sequence: parsed.page.sequence + shift }))
      offset += parsed.length
    }
    pending = pending.subarray(offset)
    if (out.length > 0) yield Buffer.concat(out)
  }
  if (pending.length > 0) throw new Error('the Ogg file ends inside a page')
}
