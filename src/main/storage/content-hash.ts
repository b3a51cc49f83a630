import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

export interface ContentHash {
  size: number
  sha256: string
  md5: string
}

/** Size, SHA-256 and MD5 of a file in one read (MD5 because S3 checks uploads against it). */
export async function hashFile(path: string): Promise<ContentHash> {
  const sha256 = createHash('sha256')
  const md5 = createHash('md5')
  let size = 0
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
    const buffer = chunk as Buffer
    sha256.update(buffer)
    md5.update(buffer)
    size += buffer.length
  }
  return { size, sha256: sha256.digest('hex'), md5: md5.digest('hex') }
}

export function isMd5Hex(value: string | undefined): value is string {
  return value !== undefined && /^[0-9a-f]{32}$/.test(value)
}

/** An ETag as S3 sends it ("\"abc…\"", sometimes upper case) as plain lower-case text. */
export function cleanEtag(etag: string | undefined): string | undefined {
  return etag?.replace(/"/g, '').toLowerCase() || undefined
}

/** The ETag S3 gives a multipart object: MD5 of the parts' binary MD5s, "-", the part count. */
export function multipartEtag(partMd5s: readonly string[]): string {
  const joined = Buffer.concat(partMd5s.map((hex) => Buffer.from(hex, 'hex')))
  return `${createHash('md5').update(joined).digest('hex')}-${partMd5s.length}`
}
