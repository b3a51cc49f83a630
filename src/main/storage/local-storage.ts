import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { lstat, opendir, rm, stat, unlink } from 'node:fs/promises'
import { join, relative, resolve, sep } from 'node:path'
import type { Readable } from 'node:stream'
import { pathToFileURL } from 'node:url'
import { CastdeskError } from '../../shared/errors'
import { removeDeadProcessEntries } from '../platform/process-liveness'
import { commitFile, fsyncPath, writeTempFile } from './atomic-file'
import { LocalContainment } from './local-containment'
import { isReservedKey, RESERVED_ROOT_FOLDERS } from './reserved-keys'
import type { PutFileOptions, PutResult, Storage, StoredObject } from './storage'
import { assertSafeKey, isPlainKey } from './storage-keys'
import { storageMissing } from './storage-refusals'

/** Folder inside the root where partial writes live until they are renamed into place. */
export const LOCAL_TMP_DIR = '.castdesk-tmp'

export class LocalStorage implements Storage {
  readonly root: string
  private readonly containment: LocalContainment
  /** `root` and a "/" on POSIX, where a plain key joined to it is what `resolve` would give. */
  private readonly plainPrefix: string | null
  private lastKeyFolder = ''
  private lastFolder = ''

  constructor(
    readonly name: string,
    root: string,
    private readonly publicBaseUrl?: string,
  ) {
    this.root = resolve(root)
    this.plainPrefix = sep === '/' && !this.root.endsWith('/') ? `${this.root}/` : null
    this.containment = new LocalContainment(this.root, name)
  }

  async putFile(key: string, sourcePath: string, options: PutFileOptions = {}): Promise<PutResult> {
    const destination = this.pathFor(key)
    if (options.move) {
      await this.requireRoot()
      const moved = await this.tryMove(key, sourcePath, destination, options.known)
      if (moved) return moved
    }
    const copied = await this.put(key, createReadStream(sourcePath))
    // A move that could not rename (e.g. to another drive) still consumes the source, as asked.
    if (options.move) await rm(sourcePath, { force: true })
    return copied
  }

  async put(key: string, body: Readable | Buffer): Promise<PutResult> {
    const destination = this.pathFor(key)
    // A source that fails (a file that vanished) while the root is checked is reported by the
    // write below, never left as an unhandled 'error' event that ends the process.
    const stream = Buffer.isBuffer(body) ? null : body
    const hold = (): void => {}
    stream?.on('error', hold)
    let written: Awaited<ReturnType<typeof writeTempFile>>
    try {
      await this.requireRoot()
      written = await writeTempFile(body, this.tmpDir())
    } catch (error) {
      stream?.destroy()
      throw error
    } finally {
      stream?.off('error', hold)
    }
    try {
      await commitFile(written.path, destination, this.checkFolder(key))
    } catch (error) {
      await rm(written.path, { force: true })
      throw error
    }
    return { size: written.size, sha256: written.sha256 }
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathFor(key)
    if (!(await this.head(key)))
      throw new CastdeskError('not_found', `No file "${key}" in storage "${this.name}".`)
    return createReadStream(path)
  }

  async head(key: string): Promise<StoredObject | null> {
    try {
      const info = await stat(this.pathFor(key))
      return info.isFile() ? { key, size: info.size, modified: info.mtime } : null
    } catch (error) {
      if (isMissing(error)) return null
      throw error
    }
  }

  async *list(prefix = ''): AsyncIterable<StoredObject> {
    yield* this.walk(this.root, prefix)
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathFor(key))
    } catch (error) {
      if (!isMissing(error)) throw error
    }
  }

  url(key: string): string {
    if (this.publicBaseUrl) {
      assertSafeKey(key)
      // Each segment encoded: a "#", "?" or "%" in a name is part of the name, not of the URL.
      const path = key.split('/').map(encodeURIComponent).join('/')
      return new URL(path, withTrailingSlash(this.publicBaseUrl)).toString()
    }
    // A URL is not an access: it names the place even when a link there is refused on use.
    return pathToFileURL(this.lexicalPath(key)).toString()
  }

  /** `path` (under the root) when its real location stays inside the root; else `unsafe_path`. */
  contained(path: string, label: string): string {
    return this.containment.assertInside(path, label)
  }

  localPath(key: string): string {
    return this.pathFor(key)
  }

  shownPath(key: string): string | null {
    const cut = key.lastIndexOf('/')
    if (this.plainPrefix === null || cut < 0 || !isPlainKey(key))
      return this.containment.shownInside(this.lexicalPath(key))
    // A plain key's folder and name, without dirname/basename of the whole path per file.
    return this.containment.shownInside(
      this.plainPrefix + key,
      this.plainFolder(key.slice(0, cut)),
      key.slice(cut + 1),
    )
  }

  /**
   * The folder of a plain key's folder part. The last one is kept: the files of a listing share a
   * few folders, and one string per folder is hashed once by the folder lookups, not per file.
   */
  private plainFolder(keyFolder: string): string {
    if (keyFolder !== this.lastKeyFolder) {
      this.lastKeyFolder = keyFolder
      this.lastFolder = `${this.plainPrefix}${keyFolder}`
    }
    return this.lastFolder
  }

  /** Removes partial writes that crashed processes left behind. */
  async removeAbandonedWrites(isAlive: (pid: number) => boolean): Promise<number> {
    return removeDeadProcessEntries(this.tmpDir(), isAlive)
  }

  /**
   * Writes create folders under an existing root only: a root that is not there (a disk not
   * connected) is never created in its place; `castdesk storages init` is what creates one.
   */
  private async requireRoot(): Promise<void> {
    const info = await stat(this.root).catch(() => null)
    if (!info?.isDirectory()) throw storageMissing(this.name, this.root)
  }

  /** The key's path, refused (`unsafe_path`) when its real location leaves the storage. */
  private pathFor(key: string): string {
    return this.containment.assertInside(this.lexicalPath(key), key)
  }

  private tmpDir(): string {
    return this.containment.assertInside(join(this.root, LOCAL_TMP_DIR), LOCAL_TMP_DIR)
  }

  /** Checks the destination's folder again right before a rename into it. */
  private checkFolder(key: string): (folder: string) => void {
    return (folder) => void this.containment.assertInside(folder, key)
  }

  private lexicalPath(key: string): string {
    if (this.plainPrefix !== null && isPlainKey(key)) return this.plainPrefix + key
    assertSafeKey(key)
    const path = resolve(this.root, key)
    if (!path.startsWith(this.root + sep)) {
      throw new CastdeskError(
        'invalid_name',
        `The storage key "${key}" points outside storage "${this.name}".`,
      )
    }
    return path
  }

  private async tryMove(
    key: string,
    sourcePath: string,
    destination: string,
    known?: PutResult,
  ): Promise<PutResult | null> {
    const info = await lstat(sourcePath)
    if (!info.isFile()) return null
    await fsyncPath(sourcePath)
    try {
      await commitFile(sourcePath, destination, this.checkFolder(key))
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EXDEV') return null
      throw error
    }
    return known ?? { size: info.size, sha256: await sha256OfFile(destination) }
  }

  private async *walk(dir: string, prefix: string): AsyncIterable<StoredObject> {
    let handle: Awaited<ReturnType<typeof opendir>>
    try {
      handle = await opendir(dir)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    // Sorted by key, a folder sorting as "name/": "a.txt" < "a/b.txt" < "a0.txt".
    const entries: { path: string; order: string; isDir: boolean }[] = []
    for await (const entry of handle) {
      const path = join(dir, entry.name)
      const reserved =
        dir === this.root && (RESERVED_ROOT_FOLDERS.includes(entry.name) || isReservedKey(entry.name))
      if (reserved) continue
      if (entry.isDirectory()) entries.push({ path, order: `${entry.name}/`, isDir: true })
      else if (entry.isFile()) entries.push({ path, order: entry.name, isDir: false })
    }
    entries.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0))
    for (const { path, isDir } of entries) {
      if (isDir) {
        yield* this.walk(path, prefix)
        continue
      }
      const key = relative(this.root, path).split(sep).join('/')
      if (!key.startsWith(prefix)) continue
      const info = await stat(path)
      yield { key, size: info.size, modified: info.mtime }
    }
  }
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code
  // ENOTDIR: a parent of the key is a file, so the key cannot exist either.
  return code === 'ENOENT' || code === 'ENOTDIR'
}

function withTrailingSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`
}
