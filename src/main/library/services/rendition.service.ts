import { rm } from 'node:fs/promises'
import { CastdeskError } from '../../../shared/errors'
import type { SourceFormat } from '../../media/images/geometry'
import {
  planRendition,
  type RenditionPlan,
  renditionFileName,
  renditionFocalKey,
  renditionStorageKey,
} from '../../media/images/geometry'
import type { RenditionRenderer } from '../../media/images/rendition-executor'
import { writeTempFile } from '../../storage/atomic-file'
import type { Storage } from '../../storage/storage'
import { type Clock, isoNow } from '../clock'
import type { Db } from '../database'
import type { BlobsRepository } from '../repositories/blobs.repository'
import type { ImageSource, ImagesRepository } from '../repositories/images.repository'
import type { RenditionRecord, RenditionsRepository } from '../repositories/renditions.repository'
import { reserveFreeKey, withSuffix } from './key-reservation'

export interface StoredRendition {
  spec: string
  key: string
  width: number
  height: number
  format: string
  bytes: number
  url: string
  path: string | null
}

export interface RenditionDeps {
  db: Db
  images: ImagesRepository
  renditions: RenditionsRepository
  blobs: BlobsRepository
  storage: Storage
  executor: RenditionRenderer
  clock: Clock
  stagingDir: string
}

const FORMAT_MIME: Record<string, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
}

/**
 * Renditions are made once and then served from the cache: one row and one file per (image, spec,
 * focal key). Missing ones of a batch are made from a single decode of the original.
 */
export class RenditionService {
  constructor(private readonly deps: RenditionDeps) {}

  /** The owner's image, or not_found (another user's image is not found either). */
  image(ownerId: number, imageId: number): ImageSource {
    const image = this.deps.images.source(ownerId, imageId)
    if (!image) throw new CastdeskError('not_found', `There is no image ${imageId} in your library.`)
    return image
  }

  /** Every spec's rendition, in the order asked; specs are validated before anything is decoded. */
  async ensure(ownerId: number, imageId: number, specs: readonly string[]): Promise<StoredRendition[]> {
    return (await this.ensureCounted(ownerId, imageId, specs)).renditions
  }

  /** Like `ensure`, and says how many renditions had to be made. */
  async ensureCounted(
    ownerId: number,
    imageId: number,
    specs: readonly string[],
  ): Promise<{ renditions: StoredRendition[]; created: number }> {
    const image = this.image(ownerId, imageId)
    const wanted = [...new Set(specs)].map((spec) => {
      const plan = planRendition(spec, sourceOf(image), image.focal)
      return { spec, plan, focalKey: renditionFocalKey(spec, image.focal) }
    })
    const missing = wanted.filter((w) => !this.deps.renditions.find(image.id, w.spec, w.focalKey))
    if (missing.length) await this.render(image, missing)
    const stored = new Map(
      wanted.map((w) => [w.spec, this.deps.renditions.find(image.id, w.spec, w.focalKey) as RenditionRecord]),
    )
    return {
      renditions: specs.map((spec) => this.present(stored.get(spec) as RenditionRecord)),
      created: missing.length,
    }
  }

  /** Deletes renditions and their files (files after the rows, so a crash leaves only orphans). */
  async remove(records: readonly RenditionRecord[]): Promise<number> {
    for (const key of this.deps.renditions.delete(records)) await this.deps.storage.delete(key)
    return records.length
  }

  present(record: RenditionRecord): StoredRendition {
    return {
      spec: record.spec,
      key: record.key,
      width: record.width,
      height: record.height,
      format: record.format,
      bytes: record.size,
      url: this.deps.storage.url(record.key),
      path: this.deps.storage.localPath(record.key),
    }
  }

  private async render(
    image: ImageSource,
    missing: readonly { spec: string; plan: RenditionPlan; focalKey: string }[],
  ): Promise<void> {
    const { executor } = this.deps
    const source = await this.localOriginal(image)
    try {
      const outputs = await executor.render(
        source.path,
        image,
        missing.map((m) => m.plan),
        image.originalName,
      )
      for (const [index, output] of outputs.entries()) {
        const { spec, focalKey } = missing[index] as (typeof missing)[number]
        await this.store(image, spec, focalKey, output.plan.format, output)
      }
    } finally {
      await source.cleanup()
    }
  }

  private async store(
    image: ImageSource,
    spec: string,
    focalKey: string,
    format: RenditionPlan['format'],
    output: { data: Buffer; width: number; height: number },
  ): Promise<void> {
    const { db, blobs, renditions, storage, clock } = this.deps
    const preferred = renditionStorageKey(renditionFileName(image.originalName, spec, focalKey, format))
    const key = await reserveFreeKey(blobs, storage, (suffix) => withSuffix(preferred, suffix), isoNow(clock))
    try {
      const put = await storage.put(key, output.data)
      db.transaction(() => {
        const blobId = blobs.insert(
          {
            key,
            size: put.size,
            sha256: put.sha256,
            mime: FORMAT_MIME[format] ?? 'application/octet-stream',
            ownerId: image.ownerId,
            mediaId: image.id,
            role: 'rendition',
            originalName: null,
          },
          isoNow(clock),
        )
        renditions.insert({
          imageId: image.id,
          spec,
          focalKey,
          blobId,
          width: output.width,
          height: output.height,
          format,
        })
        blobs.releaseKey(key)
      })()
    } catch (error) {
      await storage.delete(key).catch(() => undefined)
      blobs.releaseKey(key)
      const code = (error as { code?: string }).code
      if (code !== 'SQLITE_CONSTRAINT_UNIQUE') throw error
    }
  }

  /** A local file of the original: the stored file itself, or a temporary download. */
  private async localOriginal(image: ImageSource): Promise<{ path: string; cleanup: () => Promise<void> }> {
    const local = this.deps.storage.localPath(image.key)
    if (local) return { path: local, cleanup: async () => undefined }
    const copy = await writeTempFile(await this.deps.storage.get(image.key), this.deps.stagingDir)
    return { path: copy.path, cleanup: () => rm(copy.path, { force: true }) }
  }
}

function sourceOf(image: ImageSource): {
  width: number
  height: number
  format: SourceFormat
  hasAlpha: boolean
} {
  return {
    width: image.width,
    height: image.height,
    format: image.format as SourceFormat,
    hasAlpha: image.hasAlpha,
  }
}
