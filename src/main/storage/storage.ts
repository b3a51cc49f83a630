import type { Readable } from 'node:stream'

export interface StoredObject {
  key: string
  size: number
  modified: Date
  /** The storage's entity tag (S3), without quotes. */
  etag?: string
  /** SHA-256 the storage keeps beside the object (S3 metadata `sha256`), from `head` only. */
  sha256?: string
}

export interface PutResult {
  size: number
  sha256: string
  /** The storage's entity tag of the stored object (S3), without quotes. */
  etag?: string
}

export interface PutFileOptions {
  /** The source is a finished temp file that may be renamed into place instead of copied. */
  move?: boolean
  /** Size and SHA-256 the caller already computed, so the file is not read twice. */
  known?: PutResult
  /** MD5 (hex) of the content when already known: S3 sends it as Content-MD5 and checks the ETag. */
  md5?: string
  /** Bytes of this file stored so far (multipart uploads report part by part). */
  onBytes?: (bytes: number) => void
}

/**
 * A place files live under string keys (`cast_audio/ep12.mp3`). Writes are atomic: a reader sees
 * either the old object or the whole new one, never a partial file under a real key.
 */
export interface Storage {
  readonly name: string
  /** True when every call is a network request (S3); absent or false for a folder on this machine. */
  readonly remote?: boolean
  /** Stores the bytes of a local file; with `move` the source may be consumed (renamed). */
  putFile(key: string, sourcePath: string, options?: PutFileOptions): Promise<PutResult>
  /** Stores a stream, hashing it on the way. */
  put(key: string, body: Readable | Buffer): Promise<PutResult>
  get(key: string): Promise<Readable>
  head(key: string): Promise<StoredObject | null>
  list(prefix?: string): AsyncIterable<StoredObject>
  delete(key: string): Promise<void>
  /** A URL for the object: `file://` for local storages, http(s) for published ones. */
  url(key: string): string
  /** A readable local path for the object, when the storage is on this machine. */
  localPath(key: string): string | null
  /** The path to show in an item: null for a remote storage and for a path whose link is refused. */
  shownPath(key: string): string | null
  /** Removes partial writes that crashed processes left behind (storages that stage on disk). */
  removeAbandonedWrites?(isAlive: (pid: number) => boolean): Promise<number>
}
