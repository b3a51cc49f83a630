/** The cover of an Ogg Opus or Vorbis file: a FLAC picture block as a METADATA_BLOCK_PICTURE comment. */

export interface CoverPicture {
  mime: string
  width: number
  height: number
  data: Buffer
}

/** A FLAC METADATA_BLOCK_PICTURE (type 3: front cover), base64, as Vorbis comments carry it. */
export function pictureBlock(picture: CoverPicture): string {
  const mime = Buffer.from(picture.mime, 'ascii')
  const head = Buffer.alloc(8)
  head.writeUInt32BE(3, 0)
  head.writeUInt32BE(mime.length, 4)
  const fields = Buffer.alloc(4 + 16 + 4)
  fields.writeUInt32BE(0, 0) // description length
  fields.writeUInt32BE(picture.width, 4)
  fields.writeUInt32BE(picture.height, 8)
  fields.writeUInt32BE(24, 12) // colour depth
  fields.writeUInt32BE(0, 16) // indexed colours
  fields.writeUInt32BE(picture.data.length, 20)
  return Buffer.concat([head, mime, fields, picture.data]).toString('base64')
}

const MAGIC = { opus: Buffer.from('OpusTags'), vorbis: Buffer.from('\x03vorbis', 'latin1') }

/**
 * The comment header packet (OpusTags, or Vorbis's type 3 header) with one more comment; what follows
 * the comments (Opus padding, Vorbis's framing bit) is kept. Throws on a packet that is neither.
 */
export function withComment(packet: Buffer, comment: string): Buffer {
  const magic = packet.subarray(0, 8).equals(MAGIC.opus)
    ? MAGIC.opus
    : packet.subarray(0, 7).equals(MAGIC.vorbis)
      ? MAGIC.vorbis
      : null
  if (!magic) throw new Error('the second Ogg packet is not a comment header')
  let at = magic.length
  at += 4 + packet.readUInt32LE(at)
  const countAt = at
  const count = packet.readUInt32LE(countAt)
  at += 4
  for (let i = 0; i < count; i++) at += 4 + packet.readUInt32LE(at)
  if (at > packet.length) throw new Error('the Ogg comment header is cut short')
  const text = Buffer.from(comment, 'utf8')
  const length = Buffer.alloc(4)
  length.writeUInt32LE(text.length, 0)
  const out = Buffer.concat([packet.subarray(0, at), length, text, packet.subarray(at)])
  out.writeUInt32LE(count + 1, countAt)
  return out
}

/** How many header packets precede the audio: Opus 2 (head, tags), Vorbis 3 (id, comments, setup). */
export function headerPacketCount(firstPacket: Buffer): number {
  if (firstPacket.subarray(0, 8).toString('latin1') === 'OpusHead') return 2
  if (firstPacket.subarray(0, 7).toString('latin1') === '\x01vorbis') return 3
  throw new Error('the Ogg file holds neither Opus nor Vorbis')
}
