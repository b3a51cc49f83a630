/**
 * Adds a cover picture (`covr`, iTunes metadata) to an MP4/M4A `moov` box. ffmpeg 4.1 can write a
 * cover or a chapter track with titles, not both (with a cover the chapter titles are lost), so the
 * file is encoded with chapters and the cover goes in here. The `covr` item is appended to
 * moov/udta/meta/ilst; when the moov comes before the media data (faststart), every chunk offset
 * (`stco`, `co64`) moves by the bytes added.
 */

const CONTAINERS = new Set(['moov', 'trak', 'mdia', 'minf', 'stbl', 'udta', 'meta', 'ilst', 'edts', 'dinf'])
/** `meta` is a full box: version and flags come before its children. */
const FULL_BOX_EXTRA: Record<string, number> = { meta: 4 }
const JPEG_TYPE = 13

interface Box {
  type: string
  start: number
  headerSize: number
  end: number
}

function boxesIn(buffer: Buffer, start: number, end: number): Box[] {
  const boxes: Box[] = []
  let offset = start
  while (offset + 8 <= end) {
    let size = buffer.readUInt32BE(offset)
    let headerSize = 8
    if (size === 1) {
      size = Number(buffer.readBigUInt64BE(offset + 8))
      headerSize = 16
    } else if (size === 0) {
      size = end - offset
    }
    if (size < headerSize || offset + size > end)
      throw new Error(`a ${buffer.toString('latin1', offset + 4, offset + 8)} box runs past its parent`)
    boxes.push({
      type: buffer.toString('latin1', offset + 4, offset + 8),
      start: offset,
      headerSize,
      end: offset + size,
    })
    offset += size
  }
  return boxes
}

function childrenOf(buffer: Buffer, box: Box): Box[] {
  const from = box.start + box.headerSize + (FULL_BOX_EXTRA[box.type] ?? 0)
  return boxesIn(buffer, from, box.end)
}

function child(buffer: Buffer, box: Box, type: string): Box {
  const found = childrenOf(buffer, box).find((b) => b.type === type)
  if (!found) throw new Error(`the ${box.type} box has no ${type} box`)
  return found
}

function covrBox(jpeg: Buffer): Buffer {
  const data = Buffer.alloc(16)
  data.writeUInt32BE(16 + jpeg.length, 0)
  data.write('data', 4, 'latin1')
  data.writeUInt32BE(JPEG_TYPE, 8)
  data.writeUInt32BE(0, 12)
  const head = Buffer.alloc(8)
  head.writeUInt32BE(8 + data.length + jpeg.length, 0)
  head.write('covr', 4, 'latin1')
  return Buffer.concat([head, data, jpeg])
}

function growSize(buffer: Buffer, box: Box, delta: number): void {
  if (box.headerSize === 16) buffer.writeBigUInt64BE(BigInt(box.end - box.start + delta), box.start + 8)
  else buffer.writeUInt32BE(box.end - box.start + delta, box.start)
}

function shiftChunkOffsets(buffer: Buffer, box: Box, delta: number): void {
  for (const inner of childrenOf(buffer, box)) {
    if (inner.type === 'stco' || inner.type === 'co64') {
      const body = inner.start + inner.headerSize
      const count = buffer.readUInt32BE(body + 4)
      for (let i = 0; i < count; i++) {
        if (inner.type === 'stco') {
          const at = body + 8 + i * 4
          buffer.writeUInt32BE(buffer.readUInt32BE(at) + delta, at)
        } else {
          const at = body + 8 + i * 8
          buffer.writeBigUInt64BE(buffer.readBigUInt64BE(at) + BigInt(delta), at)
        }
      }
    } else if (CONTAINERS.has(inner.type) && inner.type !== 'udta') {
      shiftChunkOffsets(buffer, inner, delta)
    }
  }
}

/**
 * The `moov` box (given whole, as its bytes) with the JPEG added as its cover; `mediaAfter` says
 * whether the media data follows the moov in the file (then chunk offsets shift).
 */
export function addCoverToMoov(moov: Buffer, jpeg: Buffer, mediaAfter: boolean): Buffer {
  const [root] = boxesIn(moov, 0, moov.length)
  if (root?.type !== 'moov') throw new Error('not a moov box')
  const udta = child(moov, root as Box, 'udta')
  const meta = child(moov, udta, 'meta')
  const ilst = child(moov, meta, 'ilst')
  if (childrenOf(moov, ilst).some((b) => b.type === 'covr')) throw new Error('the file has a cover already')
  const covr = covrBox(jpeg)
  const out = Buffer.concat([moov.subarray(0, ilst.end), covr, moov.subarray(ilst.end)])
  for (const box of [root, udta, meta, ilst]) growSize(out, box, covr.length)
  if (mediaAfter) {
    const [grown] = boxesIn(out, 0, out.length)
    shiftChunkOffsets(out, grown as Box, covr.length)
  }
  return out
}
