import type { StorageCensus, StorageStatus } from '../../../shared/api/storage.api'
import { toErrorBody } from '../../../shared/errors'
import { LocalStorage } from '../../storage/local-storage'
import type { Storage } from '../../storage/storage'
import {
  type InitResult,
  initStorage,
  probeStorage,
  type StorageProbe,
  throwUnlessOk,
  writeMarker,
} from '../../storage/storage-identity'
import type { StorageRegistry } from '../../storage/storage-registry'
import { listAll } from '../../storage/sync/local-listing'
import type { StorageMarkersRepository } from '../repositories/storage-markers.repository'

/** Missing files a census names; the count says how many more there are. */
const NAMED_MISSING = 5
/** Objects an upgrade reads at most from an unmarked S3 prefix, looking for a referenced file. */
const UPGRADE_LOOKUP = 5000

/**
 * Whether each storage is there and is this library's (markers), refusing commands otherwise;
 * `storages init`; the markers a library made before them gets; the census of referenced files.
 */
export class StorageIdentityService {
  constructor(
    private readonly deps: {
      registry: StorageRegistry
      repo: StorageMarkersRepository
      libraryId: string
      now: () => string
      /** Forgets what Castdesk recorded about a storage's objects (its manifest). */
      forgetManifest: (name: string) => void
    },
  ) {}

  /** At open: the first open after the upgrade marks the folders that hold referenced files. */
  async settleUpgrade(newLibrary: boolean): Promise<void> {
    this.deps.repo.startUpgrade(this.deps.registry.names(), newLibrary)
    for (const name of this.deps.repo.pending()) {
      if (!this.deps.registry.has(name)) {
        this.deps.repo.settle(name)
        continue
      }
      const storage = this.deps.registry.get(name)
      if (storage instanceof LocalStorage) await this.probe(name)
    }
  }

  /** Refuses (storage_missing, storage_unmarked, storage_foreign) unless every named storage proves it is this library's. */
  async require(names: readonly string[]): Promise<void> {
    for (const name of new Set(names)) {
      if (!this.deps.registry.has(name)) continue
      throwUnlessOk(name, await this.probe(name), this.deps.libraryId)
    }
  }

  /** Every configured storage's state, with the refusal a command would meet; never throws. */
  async status(options: { census: boolean }): Promise<StorageStatus[]> {
    const statuses: StorageStatus[] = []
    for (const name of this.deps.registry.names()) {
      const status: StorageStatus = { name, state: 'ok', where: '', code: null, message: null, census: null }
      try {
        const probe = await this.probe(name)
        status.state = probe.state
        status.where = probe.where
        throwUnlessOk(name, probe, this.deps.libraryId)
        if (options.census) status.census = await this.census(name)
      } catch (error) {
        const body = toErrorBody(error)
        if (status.state === 'ok') status.state = 'unreachable'
        Object.assign(status, { code: body.code, message: body.message })
      }
      statuses.push(status)
    }
    return statuses
  }

  /** `castdesk storages init NAME`. */
  async init(name: string): Promise<InitResult> {
    this.deps.registry.require([name], `storages init ${name}`)
    const result = await initStorage(this.deps.registry.get(name), this.deps.libraryId, this.deps.now())
    this.deps.repo.settle(name)
    // A storage set up now (new, emptied, or adopted) is read afresh: its old manifest is no proof.
    if (result.marked) this.deps.forgetManifest(name)
    return result
  }

  /** Referenced files present and missing in a storage, from its real listing (never a manifest). */
  async census(name: string): Promise<StorageCensus> {
    const referenced = this.deps.repo.referencedFiles()
    const listed = new Set((await listAll(this.deps.registry.get(name))).map((object) => object.key))
    const missing = referenced.filter((key) => !listed.has(key))
    return {
      storage: name,
      referenced: referenced.length,
      present: referenced.length - missing.length,
      missing: missing.length,
      missingKeys: missing.slice(0, NAMED_MISSING),
    }
  }

  /** Probes a storage; a storage still waiting for its upgrade marker gets it if it holds referenced files. */
  private async probe(name: string): Promise<StorageProbe> {
    const storage = this.deps.registry.get(name)
    const probe = await probeStorage(storage, this.deps.libraryId)
    if (!this.deps.repo.pending().has(name) || probe.state === 'missing') return probe
    if (probe.state === 'unmarked' && !probe.empty && (await this.holdsReferencedFile(storage))) {
      await writeMarker(storage, this.deps.libraryId, this.deps.now())
      this.deps.repo.settle(name)
      return probeStorage(storage, this.deps.libraryId)
    }
    this.deps.repo.settle(name)
    return probe
  }

  private async holdsReferencedFile(storage: Storage): Promise<boolean> {
    const referenced = this.deps.repo.referencedFiles()
    if (storage instanceof LocalStorage) {
      for (const key of referenced) if (await storage.head(key).catch(() => null)) return true
      return false
    }
    const wanted = new Set(referenced)
    let read = 0
    for await (const object of storage.list()) {
      if (wanted.has(object.key)) return true
      if (++read >= UPGRADE_LOOKUP) break
    }
    return false
  }
}
