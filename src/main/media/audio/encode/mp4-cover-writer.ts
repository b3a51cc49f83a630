import { createReadStream, createWriteStream } from 'node:fs'
import { open, readFile, stat } from 'node:fs/promises'
import { pipeline } from 'node:stream/promises'
import { addCoverToMoov } from './mp4-cover.codec'

/** A moov this big is not an audio file's (a 10-hour M4A has a moov of a few MB). */
const MAX_MOOV_BYTES = 128 * 1024 * 1024

/** Copies an M4A with the JPEG added as its cover (`covr`); the audio bytes are streamed, not held. */
export async function writeMp4WithCover(source: string, output: string, jpegPath: string): Promise<void> {
  const size = (await stat(source)).size
  const handle = await open(source, 'r')
  let moov: { start: number; end: number; bytes: Buffer } | null = null
  let mdatStart = -1
  try {
    const header = Buffer.alloc(16)
    let offset = 0
    while (offset + 8 <= size && (!moov || mdatStart === -1)) {
      await handle.read(header, 0, 16, offset)
      let boxSize = header.readUInt32BE(0)
      if (boxSize === 1) boxSize = Number(header.readBigUInt64BE(8))
      else if (boxSize === 0) boxSize = size - offset
      if (boxSize < 8) throw new Error(`a box at byte ${offset} has a size of ${boxSize}`)
      const type = header.toString('latin1', 4, 8)
      if (type === 'moov') {
        if (boxSize > MAX_MOOV_BYTES) throw new Error('the moov box is too large')
        const bytes = Buffer.alloc(boxSize)
        await handle.read(bytes, 0, boxSize, offset)
        moov = { start: offset, end: offset + boxSize, bytes }
      }
      if (type === 'mdat' && mdatStart === -1) mdatStart = offset
      offset += boxSize
    }
  } finally {
    await handle.close()
  }
  if (!moov) throw new Error('the M4A has no moov box')
  const grown = addCoverToMoov(moov.bytes, await readFile(jpegPath), mdatStart > moov.start)
  const out = createWriteStream(output, { flags: 'wx' })
  if (moov.start > 0)
    await pipeline(createReadStream(source, { start: 0, end: moov.start - 1 }), out, { end: false })
  out.write(grown)
  if (moov.end < size) await pipeline(createReadStream(source, { start: moov.end }), out)
  else
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    )
}
