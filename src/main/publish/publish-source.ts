import { readFile } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { CastdeskError } from '../../shared/errors'
import type { LocalStorage } from '../storage/local-storage'
import type { PutResult, Storage, StoredObject } from '../storage/storage'

/** Files of an installed package published under other keys (the Podlove Web Player's). */
export interface PackageFiles {
  /** A storage over the package's folder. */
  storage: Storage
  /** Site key → key in that storage. */
  files: ReadonlyMap<string, string>
}

/**
 * The site to publish, seen as one read-only storage that the sync engine copies from: the
 * generated files (pages, feeds, chapters, transcripts) staged in a folder of the library, the
 * library's own media files under their keys, and the player's files from its npm package. It
 * lists exactly the site's files, nothing else.
 */
export class PublishSource implements Storage {
  readonly name = 'publish'

  constructor(
    private readonly staged: LocalStorage,
    private readonly generated: ReadonlySet<string>,
    private readonly media: Storage,
    private readonly mediaKeys: ReadonlySet<string>,
    private readonly assets: PackageFiles | null = null,
  ) {}

  /** Every key of the site. */
  keys(): string[] {
    return [...this.generated, ...this.mediaKeys, ...(this.assets?.files.keys() ?? [])]
  }

  private locate(key: string): [Storage, string] {
    if (this.generated.has(key)) return [this.staged, key]
    if (this.mediaKeys.has(key)) return [this.media, key]
    const asset = this.assets?.files.get(key)
    if (this.assets && asset !== undefined) return [this.assets.storage, asset]
    throw new CastdeskError('not_found', `"${key}" is not part of the published site.`)
  }

  async *list(): AsyncIterable<StoredObject> {
    for (const key of this.keys()) {
      const object = await this.head(key)
      if (!object) {
        throw new CastdeskError(
          'not_found',
          `The library file "${key}" is missing, so the site cannot be published. Run "castdesk verify" to find damaged items.`,
        )
      }
      yield object
    }
  }

  async head(key: string): Promise<StoredObject | null> {
    const [storage, inner] = this.locate(key)
    const object = await storage.head(inner)
    return object && { ...object, key }
  }

  get(key: string): Promise<Readable> {
    const [storage, inner] = this.locate(key)
    return storage.get(inner)
  }

  localPath(key: string): string | null {
    const [storage, inner] = this.locate(key)
    return storage.localPath(inner)
  }

  shownPath(key: string): string | null {
    const [storage, inner] = this.locate(key)
    return storage.shownPath(inner)
  }

  url(key: string): string {
    const [storage, inner] = this.locate(key)
    return storage.url(inner)
  }

  putFile(): Promise<PutResult> {
    return Promise.reject(readOnly())
  }

  put(): Promise<PutResult> {
    return Promise.reject(readOnly())
  }

  delete(): Promise<void> {
    return Promise.reject(readOnly())
  }
}

function readOnly(): CastdeskError {
  return new CastdeskError('internal', 'The site being published is read-only.')
}

/** Writes each generated file into the staging storage unless it already holds the same text (so its time stays). */
export async function stageFiles(staged: LocalStorage, files: ReadonlyMap<string, string>): Promise<number> {
  let written = 0
  for (const [key, text] of files) {
    const path = staged.localPath(key)
    const current = path ? await readFile(path, 'utf8').catch(() => null) : null
    if (current === text) continue
    await staged.put(key, Buffer.from(text, 'utf8'))
    written++
  }
  return written
}

/** Every key staged in an earlier publish to this destination: the site as it was last sent. */
export async function stagedKeys(staged: LocalStorage): Promise<string[]> {
  const keys: string[] = []
  for await (const object of staged.list()) keys.push(object.key)
  return keys
}
