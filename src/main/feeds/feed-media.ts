import { randomUUID } from 'node:crypto'
import { mkdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { UploadLimits } from '../../shared/config-schema'
import { CastdeskError, type ErrorBody, type ErrorCode, toErrorBody } from '../../shared/errors'
import type { AudioFormatName, MediaType } from '../../shared/media'
import type { Classified } from '../importer/classify'
import type { ImportService } from '../importer/import.service'
import type { AudioFilesService } from '../library/services/audio-files.service'
import { readHeader } from '../media/detect'
import { download, type FetchPolicy } from './http-fetch'

/**
 * Downloads one URL into staging and imports it through the same path as any imported file (hashed,
 * sniffed by its bytes, probed, the same bytes never stored twice). A web page where media was
 * expected (a login page, an error page) is refused with its own error and never imported.
 */
export class FeedMedia {
  /** Bytes downloaded so far by this run. */
  downloaded = 0
  private readonly images = new Map<string, number>()

  constructor(
    private readonly deps: {
      importer: ImportService
      audioFiles: AudioFilesService
      limits: UploadLimits
      stagingDir: string
      policy: FetchPolicy
    },
  ) {}

  /** The enclosure as an Audio (or a Video). */
  async enclosure(ownerId: number, url: string, stem: string): Promise<{ id: number; type: MediaType }> {
    return this.importUrl(ownerId, url, stem, this.deps.limits.videoBytes, 'audio', (c) => {
      if (c.kind !== 'audio' && c.kind !== 'video') throw notMedia(url, 'audio', c)
    })
  }

  /** An image (cover, show-notes image); one URL is fetched once per run. */
  async image(ownerId: number, url: string, stem: string): Promise<number> {
    const known = this.images.get(url)
    if (known !== undefined) return known
    const { id } = await this.importUrl(ownerId, url, stem, this.deps.limits.imageBytes, 'image', (c) => {
      if (c.kind !== 'image') throw notMedia(url, 'an image', c)
    })
    this.images.set(url, id)
    return id
  }

  /** An alternate enclosure added to the Audio as another format. */
  async alternate(ownerId: number, audioId: number, url: string, stem: string): Promise<AudioFormatName> {
    const file = await download(
      url,
      this.deps.policy,
      this.deps.limits.audioBytes,
      this.deps.stagingDir,
      (n) => {
        this.downloaded += n
      },
    )
    const folder = join(this.deps.stagingDir, `feed-${randomUUID()}`)
    try {
      await refuseWebPage(file.path, url, file.contentType, 'audio')
      await mkdir(folder, { recursive: true })
      const named = join(folder, `${stem}.${extensionFor(file.contentType, url) ?? 'bin'}`)
      await rename(file.path, named)
      const added = await this.deps.audioFiles.addFile(ownerId, audioId, named)
      return added.format
    } finally {
      await rm(file.path, { force: true })
      await rm(folder, { recursive: true, force: true })
    }
  }

  private async importUrl(
    ownerId: number,
    url: string,
    stem: string,
    maxBytes: number,
    expected: string,
    expect: (classified: Classified) => void,
  ): Promise<{ id: number; type: MediaType }> {
    const file = await download(url, this.deps.policy, maxBytes, this.deps.stagingDir, (n) => {
      this.downloaded += n
    })
    try {
      await refuseWebPage(file.path, url, file.contentType, expected)
    } catch (error) {
      await rm(file.path, { force: true })
      throw error
    }
    const name = `${stem}.${extensionFor(file.contentType, file.url) ?? 'bin'}`
    const outcome = await this.deps.importer.importStaged(ownerId, file, name, url, expect)
    if (outcome.status === 'error' || outcome.id === undefined || outcome.type === undefined) {
      const error = outcome.error ?? { code: 'internal', message: `${url} was not imported.` }
      throw new CastdeskError(error.code as ErrorCode, error.message)
    }
    return { id: outcome.id, type: outcome.type }
  }
}

async function refuseWebPage(
  path: string,
  url: string,
  contentType: string,
  expected: string,
): Promise<void> {
  const head = (await readHeader(path, 512))
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase()
  if (contentType.includes('text/html') || head.startsWith('<!doctype html') || head.startsWith('<html')) {
    throw new CastdeskError(
      'unsupported_media',
      `${url} is a web page (perhaps a login or error page), not ${expected}. Check that the file is public on the old host; the next import tries again.`,
    )
  }
}

function notMedia(url: string, expected: string, classified: Classified): CastdeskError {
  return new CastdeskError(
    'unsupported_media',
    `${url} is ${classified.kind === 'file' ? `a ${classified.mime} file` : `${classified.kind === 'image' ? 'an' : 'a'} ${classified.kind}`}, not ${expected}. Check the feed's enclosure with the old host.`,
  )
}

const EXTENSIONS: Record<string, string> = {
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/mp4': 'm4a',
  'audio/x-m4a': 'm4a',
  'audio/aac': 'm4a',
  'audio/ogg': 'oga',
  'audio/opus': 'opus',
  'video/mp4': 'mp4',
  'video/quicktime': 'mov',
  'video/webm': 'webm',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
}

/** A file extension from the content type, else from the URL's path. */
export function extensionFor(contentType: string, url: string): string | null {
  const byType = EXTENSIONS[contentType.split(';')[0]?.trim() ?? '']
  if (byType) return byType
  const match = /\.([a-z0-9]{2,5})$/i.exec(new URL(url).pathname)
  return match ? (match[1] as string).toLowerCase() : null
}

export function errorOf(error: unknown): ErrorBody {
  return toErrorBody(error)
}
