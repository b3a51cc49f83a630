import type { Readable } from 'node:stream'
import { CastdeskError } from '../../../shared/errors'
import { isMd5Hex } from '../content-hash'
import type { S3Storage } from '../s3-storage'
import type { StoredObject } from '../storage'
import { assertSafeKey } from '../storage-keys'
import { conflict } from './local-quarantine'
import type { PutBackOutcome, QuarantineArea, QuarantinedFile } from './quarantine-area'
import { isBatchId, S3_QUARANTINE_PREFIX } from './quarantine-names'

/**
 * `<prefix>castdesk-quarantine/<batch>/<key>`: a server-side copy (the object's metadata, its
 * `sha256` included, goes along), checked against the original, then the original is deleted.
 */
export class S3Quarantine implements QuarantineArea {
  constructor(private readonly storage: S3Storage) {}

  location(batch: string): string {
    const { bucket, prefix } = this.storage.settings
    return `s3://${bucket}/${prefix}${S3_QUARANTINE_PREFIX}${batch}/`
  }

  async moveIn(batch: string, key: string): Promise<{ size: number } | null> {
    const original = await this.storage.head(key)
    if (!original) return null
    const parked = this.keyOf(batch, key)
    await this.copy(key, parked)
    const copy = await this.storage.head(parked)
    if (!copy || !sameObject(original, copy)) {
      throw new CastdeskError(
        'storage_error',
        `The quarantine copy of "${key}" in storage "${this.storage.name}" does not match the original, so the original was kept. Run the command again.`,
      )
    }
    await this.storage.delete(key)
    return { size: original.size }
  }

  async files(batch?: string): Promise<QuarantinedFile[]> {
    const found: QuarantinedFile[] = []
    for await (const object of this.storage.list(S3_QUARANTINE_PREFIX + (batch ? `${batch}/` : ''))) {
      const rest = object.key.slice(S3_QUARANTINE_PREFIX.length)
      const slash = rest.indexOf('/')
      const id = rest.slice(0, slash)
      if (slash < 1 || !isBatchId(id)) continue
      found.push({ batch: id, key: rest.slice(slash + 1), size: object.size })
    }
    return found.sort((a, b) => (a.batch + a.key < b.batch + b.key ? -1 : 1))
  }

  async putBack(batch: string, key: string): Promise<PutBackOutcome> {
    const parked = this.keyOf(batch, key)
    const copy = await this.storage.head(parked)
    if (!copy) throw new CastdeskError('not_found', `"${key}" is not in quarantine batch ${batch}.`)
    const there = await this.storage.head(key)
    if (there) {
      if (!sameObject(copy, there)) throw conflict(this.storage.name, key)
      await this.storage.delete(parked)
      return 'identical'
    }
    await this.copy(parked, key)
    const restored = await this.storage.head(key)
    if (!restored || !sameObject(copy, restored)) {
      throw new CastdeskError(
        'storage_error',
        `"${key}" in storage "${this.storage.name}" did not come back intact; its quarantined copy is kept. Run the restore again.`,
      )
    }
    await this.storage.delete(parked)
    return 'restored'
  }

  read(batch: string, key: string): Promise<Readable> {
    return this.storage.get(this.keyOf(batch, key))
  }

  purge(batch: string, key: string): Promise<void> {
    return this.storage.delete(this.keyOf(batch, key))
  }

  private keyOf(batch: string, key: string): string {
    if (!isBatchId(batch)) throw new CastdeskError('not_found', `"${batch}" is not a quarantine batch.`)
    assertSafeKey(key)
    return `${S3_QUARANTINE_PREFIX}${batch}/${key}`
  }

  private async copy(fromKey: string, toKey: string): Promise<void> {
    const { bucket, prefix } = this.storage.settings
    const source = `${bucket}/${(prefix + fromKey).split('/').map(encodeURIComponent).join('/')}`
    await this.storage.request('CopyObject', fromKey, ({ sdk, client }) =>
      client.send(
        new sdk.CopyObjectCommand({
          Bucket: bucket,
          Key: prefix + toKey,
          CopySource: source,
          MetadataDirective: 'COPY',
        }),
      ),
    )
  }
}

/** Same bytes as far as S3 tells without reading them: size, the sha256 metadata, an MD5 ETag. */
function sameObject(a: StoredObject, b: StoredObject): boolean {
  if (a.size !== b.size) return false
  if (a.sha256 && b.sha256) return a.sha256 === b.sha256
  if (a.sha256 || b.sha256) return false
  return isMd5Hex(a.etag) && a.etag === b.etag
}
