import { createReadStream } from 'node:fs'
import { rm, stat } from 'node:fs/promises'
import pLimit from 'p-limit'
import type { UploadLimits } from '../../shared/config-schema'
import { toErrorBody } from '../../shared/errors'
import type { ImportOutcome, MediaType } from '../../shared/media'
import { type Clock, isoNow } from '../library/clock'
import { reserveFreeKey } from '../library/services/key-reservation'
import { readHeader } from '../media/detect'
import { prepareToolRunners } from '../media/tools/run-tool-off-thread'
import { writeTempFile } from '../storage/atomic-file'
import type { Storage } from '../storage/storage'
import { displayName, originalKey } from '../storage/storage-keys'
import { type Classified, classify, extensionOf, stemOf } from './classify'
import { CommitBatcher } from './commit-batcher'
import { type CommitRepositories, commitImport } from './commit-import'
import { type FoundFile, type WalkGuard, walkInputs } from './file-walker'
import { isLibraryFileName, libraryFolderReason, type OwnFolders } from './own-folders'
import { type Probed, probeStaged } from './probe-staged'

export interface ImportProgress {
  done: number
  /** Files found so far; grows while folders are still being read. */
  found: number
  outcome: ImportOutcome
}

export interface ImportDeps {
  repos: CommitRepositories
  storage: Storage
  clock: Clock
  limits: UploadLimits
  /** Where files are staged (copied and hashed) before they are probed and stored. */
  stagingDir: string
  ffprobePath: () => string
  /** Called for each imported item inside its rows' transaction (synchronous): queue derived work here. */
  afterImport?: (id: number, type: MediaType) => void
  /** Takes an item out of the owner's trash; the same bytes imported again bring a trashed item back. */
  restoreFromTrash?: (ownerId: number, mediaId: number) => boolean
  /** Refuses the import (storage_missing, …) unless the default storage is this library's, connected. */
  checkStorage?: () => Promise<void>
  /** The library folder and local storage roots: never imported. */
  ownFolders?: () => Promise<OwnFolders>
  /** The item a stored file belongs to, to name it when that file is given to import. */
  itemOfKey?: (storage: string, key: string) => number | null
}

/** Files past their probe, being flushed, renamed into place and recorded, beside those probed. */
const FLUSHING_FILES = 4

interface Prepared {
  file: FoundFile
  probed: Probed
  copy: { path: string; size: number; sha256: string }
}

export interface ImportOptions {
  concurrency?: number
  onProgress?: (progress: ImportProgress) => void
}

/**
 * Imports files and folders for one owner. Each file is copied once into staging while its
 * SHA-256 is computed, classified by its bytes, probed, stored under its key and recorded in one
 * transaction. A bad file gets its own error; the batch goes on.
 */
export class ImportService {
  private readonly commits: CommitBatcher

  constructor(private readonly deps: ImportDeps) {
    // Files stored within 100 ms share a commit: one alone costs ~10x (its FTS rows). Each
    // item's search row is written once, at the end of its batch, not once per row it inserts.
    const { searchIndex } = deps.repos
    this.commits = new CommitBatcher(deps.repos.db, 64, 100, {
      before: () => searchIndex.defer(),
      after: (committed) => searchIndex.rebuild((committed as { id: number }[]).map(({ id }) => id)),
    })
  }

  async importPaths(
    ownerId: number,
    inputs: readonly string[],
    options: ImportOptions = {},
  ): Promise<ImportOutcome[]> {
    // Refused before any file is read: a storage that is not there is never taken for an empty one.
    await this.deps.checkStorage?.()
    const guard = await this.walkGuard()
    // The probes' helper processes start while the first files are read.
    void prepareToolRunners()
    // Copying, sniffing and probing keep the cores busy; flushing, renaming and recording mostly
    // wait on the disk. A file waiting for its fsync holds no core: `cpu` bounds the first part,
    // `inFlight` the files (and staged copies) between the two.
    const cpu = pLimit(options.concurrency ?? 2)
    const inFlight = pLimit((options.concurrency ?? 2) + FLUSHING_FILES)
    const pending: Promise<ImportOutcome>[] = []
    let done = 0
    for await (const entry of walkInputs(inputs, guard)) {
      const task =
        'error' in entry
          ? Promise.resolve<ImportOutcome>({
              path: entry.display,
              status: entry.skipped ? 'skipped' : 'error',
              error: entry.error,
            })
          : inFlight(async () => {
              const prepared = await cpu(() => this.prepareFile(ownerId, entry))
              return 'outcome' in prepared ? { recorded: prepared.outcome } : this.store(ownerId, prepared)
            }).then(({ recorded }) => recorded)
      pending.push(
        task.then((outcome) => {
          done++
          options.onProgress?.({ done, found: pending.length, outcome })
          return outcome
        }),
      )
    }
    return Promise.all(pending)
  }

  /** One file (an upload): refused unless the default storage is there and this library's. */
  async importOne(ownerId: number, file: FoundFile): Promise<ImportOutcome> {
    await this.deps.checkStorage?.()
    if (isLibraryFileName(file.name)) {
      const message = `${file.display} is a Castdesk library's own file (its catalog or settings), not media: it is never imported.`
      return { path: file.display, status: 'error', error: { code: 'inside_library', message } }
    }
    const prepared = await this.prepareFile(ownerId, file)
    return 'outcome' in prepared ? prepared.outcome : this.finish(ownerId, prepared)
  }

  /** Castdesk's own folders and files, as the walk passes them over. */
  private async walkGuard(): Promise<WalkGuard | undefined> {
    const own = await this.deps.ownFolders?.()
    if (!own) return undefined
    return {
      skipFolder: (real, path) => own.containing(real)?.folder.reason ?? libraryFolderReason(String(path)),
      refuseFile: (real, display) => {
        const inside = own.containing(real)
        if (inside) {
          const item =
            inside.key && inside.folder.storage
              ? this.deps.itemOfKey?.(inside.folder.storage, inside.key)
              : null
          const already = item ? ` It is already item #${item}.` : ''
          return {
            code: 'inside_library',
            message: `${display} is inside ${inside.folder.reason.replace(/^this is /, '')}: it is never imported.${already}`,
          }
        }
        if (isLibraryFileName(real))
          return {
            code: 'inside_library',
            message: `skipped ${display}: this is a Castdesk library's own file (its catalog or settings), not media.`,
          }
        return null
      },
    }
  }

  /** Copies (unflushed: `finish` flushes it before its rename), sniffs and probes one file. */
  private async prepareFile(
    ownerId: number,
    file: FoundFile,
  ): Promise<Prepared | { outcome: ImportOutcome }> {
    let staged: string | null = null
    try {
      const info = await stat(file.path)
      const name = displayName(file.name)
      const classified = await classify(await readHeader(file.path), info.size, name, this.deps.limits)
      const copy = await writeTempFile(createReadStream(file.path), this.deps.stagingDir, { sync: false })
      staged = copy.path
      const prepared = await this.prepareCopied(ownerId, file, classified, copy)
      staged = null
      return prepared
    } catch (error) {
      return { outcome: { path: file.display, status: 'error', error: toErrorBody(error) } }
    } finally {
      if (staged) await rm(staged, { force: true })
    }
  }

  /**
   * Imports a file its caller already streamed into staging and hashed (a download), which is
   * always consumed. `expect` may refuse what the bytes turned out to be (a web page where audio
   * was expected) before anything is stored.
   */
  async importStaged(
    ownerId: number,
    copy: { path: string; size: number; sha256: string },
    name: string,
    display: string,
    expect?: (classified: Classified) => void,
  ): Promise<ImportOutcome> {
    try {
      const classified = await classify(
        await readHeader(copy.path),
        copy.size,
        displayName(name),
        this.deps.limits,
      )
      expect?.(classified)
      return await this.importCopied(ownerId, { path: copy.path, name, display }, classified, copy)
    } catch (error) {
      await rm(copy.path, { force: true })
      return { path: display, status: 'error', error: toErrorBody(error) }
    }
  }

  /** The staged copy is moved into the storage, or removed. */
  private async importCopied(
    ownerId: number,
    file: FoundFile,
    classified: Classified,
    copy: { path: string; size: number; sha256: string },
  ): Promise<ImportOutcome> {
    const prepared = await this.prepareCopied(ownerId, file, classified, copy)
    return 'outcome' in prepared ? prepared.outcome : this.finish(ownerId, prepared)
  }

  /** A duplicate or an error is an outcome at once (the copy removed); else the probed copy. */
  private async prepareCopied(
    ownerId: number,
    file: FoundFile,
    classified: Classified,
    copy: { path: string; size: number; sha256: string },
  ): Promise<Prepared | { outcome: ImportOutcome }> {
    let staged: string | null = copy.path
    try {
      const name = displayName(file.name)
      const existing = this.deps.repos.blobs.findOriginal(ownerId, copy.sha256)
      if (existing) {
        this.deps.restoreFromTrash?.(ownerId, existing.mediaId)
        return {
          outcome: { path: file.display, status: 'duplicate', id: existing.mediaId, type: existing.type },
        }
      }
      const probed = await probeStaged(copy.path, classified, name, this.deps.ffprobePath, extensionOf(name))
      staged = null
      return { file, probed, copy }
    } catch (error) {
      return { outcome: { path: file.display, status: 'error', error: toErrorBody(error) } }
    } finally {
      if (staged) await rm(staged, { force: true })
    }
  }

  /** Stores a probed copy (flushed, renamed into place) and records it; or removes it. */
  private async finish(ownerId: number, prepared: Prepared): Promise<ImportOutcome> {
    const { recorded } = await this.store(ownerId, prepared)
    return recorded
  }

  /**
   * Moves the probed copy into the storage (flushed before its rename, the rename flushed) or
   * removes it; `recorded` settles when its rows are committed with the next batch. Waiting for
   * that batch holds no place among the files in flight.
   */
  private async store(
    ownerId: number,
    { file, probed, copy }: Prepared,
  ): Promise<{ recorded: Promise<ImportOutcome> }> {
    const { repos, storage } = this.deps
    const stem = stemOf(displayName(file.name))
    let key: string | null = null
    try {
      key = await reserveFreeKey(
        repos.blobs,
        storage,
        (suffix) => originalKey(probed.type, stem, probed.extension, suffix),
        isoNow(this.deps.clock),
      )
      await storage.putFile(key, copy.path, { move: true, known: copy })
    } catch (error) {
      await rm(copy.path, { force: true })
      if (key) await this.unstore(key)
      return { recorded: Promise.resolve({ path: file.display, status: 'error', error: toErrorBody(error) }) }
    }
    const stored = key
    const recorded = this.commits
      .add(() => {
        const committed = commitImport(repos, {
          ownerId,
          probed,
          key: stored,
          size: copy.size,
          sha256: copy.sha256,
          originalName: displayName(file.name),
          title: stem,
          groupKey: stem.normalize('NFC').toLowerCase(),
          now: isoNow(this.deps.clock),
        })
        this.deps.afterImport?.(committed.id, committed.type)
        return committed
      })
      .then(
        (committed): ImportOutcome => ({ path: file.display, status: 'imported', ...committed }),
        async (error): Promise<ImportOutcome> => {
          await this.unstore(stored)
          const raced = isDuplicateViolation(error) ? repos.blobs.findOriginal(ownerId, copy.sha256) : null
          if (raced) return { path: file.display, status: 'duplicate', id: raced.mediaId, type: raced.type }
          return { path: file.display, status: 'error', error: toErrorBody(error) }
        },
      )
    return { recorded }
  }

  /** A stored file whose rows were not written: removed, its key free again. */
  private async unstore(key: string): Promise<void> {
    await this.deps.storage.delete(key).catch(() => undefined)
    this.deps.repos.blobs.releaseKey(key)
  }
}

function isDuplicateViolation(error: unknown): boolean {
  const code = (error as { code?: string }).code
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && /sha256/.test((error as Error).message)
}
