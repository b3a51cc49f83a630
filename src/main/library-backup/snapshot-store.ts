import { createHash } from 'node:crypto'
import type { SnapshotInfo, SnapshotManifest } from '../../shared/api/library-backup.api'
import { CastdeskError } from '../../shared/errors'
import type { Storage } from '../storage/storage'
import { dataKey, manifestKey, parseSnapshotKey, SNAPSHOT_PREFIX, timeOfName } from './snapshot-layout'

/** The library snapshots of one storage: upload with read-back, listing, removal. */
export class SnapshotStore {
  constructor(readonly storage: Storage) {}

  /**
   * Uploads the compressed snapshot, reads it back and compares its SHA-256, and only then writes
   * its manifest: a snapshot whose manifest is missing never counts as verified.
   */
  async upload(path: string, manifest: SnapshotManifest): Promise<SnapshotInfo> {
    const key = dataKey(manifest.name)
    await this.storage.putFile(key, path, { known: { size: manifest.size, sha256: manifest.sha256 } })
    const back = await this.sha256Of(key)
    if (back !== manifest.sha256) {
      await this.storage.delete(key)
      throw new CastdeskError(
        'snapshot_damaged',
        `The library snapshot read back from storage "${this.storage.name}" differs from what was sent (SHA-256 ${back.slice(0, 12)}…, expected ${manifest.sha256.slice(0, 12)}…); it was removed. Check the storage and run "castdesk library backup" again.`,
      )
    }
    await this.storage.put(manifestKey(manifest.name), Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`))
    return infoOf(manifest, true)
  }

  /** Every snapshot, newest first; a verified one has its manifest and its data of the recorded size. */
  async list(): Promise<SnapshotInfo[]> {
    const data = new Map<string, number>()
    const manifests = new Set<string>()
    for await (const object of this.storage.list(SNAPSHOT_PREFIX)) {
      const parsed = parseSnapshotKey(object.key)
      if (!parsed) continue
      if (parsed.part === 'data') data.set(parsed.name, object.size)
      else manifests.add(parsed.name)
    }
    const infos: SnapshotInfo[] = []
    for (const [name, size] of data) {
      const manifest = manifests.has(name) ? await this.manifest(name).catch(() => null) : null
      if (manifest && manifest.size === size && manifest.verified === true) infos.push(infoOf(manifest, true))
      else
        infos.push({
          name,
          time: timeOfName(name),
          size,
          verified: false,
          schemaVersion: null,
          libraryId: null,
          counts: null,
        })
    }
    return infos.sort((a, b) => (a.name < b.name ? 1 : a.name > b.name ? -1 : 0))
  }

  async manifest(name: string): Promise<SnapshotManifest> {
    const chunks: Buffer[] = []
    for await (const chunk of await this.storage.get(manifestKey(name))) chunks.push(chunk as Buffer)
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SnapshotManifest
    if (parsed.name !== name || typeof parsed.sha256 !== 'string')
      throw new CastdeskError('snapshot_damaged', `The manifest of snapshot ${name} is not valid.`)
    return parsed
  }

  /** Removes a snapshot: its manifest first, so a half-removed one is never listed as verified. */
  async remove(name: string): Promise<void> {
    await this.storage.delete(manifestKey(name))
    await this.storage.delete(dataKey(name))
  }

  async sha256Of(key: string): Promise<string> {
    const hash = createHash('sha256')
    for await (const chunk of await this.storage.get(key)) hash.update(chunk as Buffer)
    return hash.digest('hex')
  }
}

function infoOf(manifest: SnapshotManifest, verified: boolean): SnapshotInfo {
  return {
    name: manifest.name,
    time: manifest.time,
    size: manifest.size,
    verified,
    schemaVersion: manifest.schemaVersion,
    libraryId: manifest.libraryId,
    counts: manifest.counts,
  }
}
